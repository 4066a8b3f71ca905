import { createHash } from 'node:crypto';
import { Routes, type APIMessage, type REST } from 'discord.js';
import type { Logger } from '../../core/command.js';
import type { Poster } from '../../core/ports.js';
import { channelUnavailable } from './errors.js';
import { renderMessage, type DiscordMessage } from './render.js';

/** Discord keeps nonces of up to 25 characters; one logical post (and each of its parts) gets a stable one. */
export function nonceFor(idempotencyKey: string, part: number): string {
  return createHash('sha256').update(`${idempotencyKey}#${part}`).digest('base64url').slice(0, 25);
}

/** The footer each part of a group post carries, so a retry can find the part in the channel. */
export const postMarker = (idempotencyKey: string, part: number) => `ref ${idempotencyKey}/${part}`;

/** Characters kept free in each message for the marker (an idempotency key is at most 25). */
const MARKER_ROOM = 40;
/** Messages read back (Discord's most per request) when a retry looks for its earlier attempt. */
const LOOKBACK = 100;

function withMarker(message: DiscordMessage, marker: string): DiscordMessage {
  const embeds = [...message.embeds];
  const last = embeds.pop() ?? { description: '\u200b' };
  return { ...message, embeds: [...embeds, { ...last, footer: { text: marker } }] };
}

/**
 * Group posts into a channel. Each message carries a nonce with enforce_nonce, so a retry within
 * Discord's nonce window (a few minutes) returns the message already created; discord.js REST
 * queues per route bucket and waits out 429s. A retry after a crash can come later than that
 * window, so each message also carries a footer marker, and a retry (`options.retry`) first reads
 * the channel's recent messages and posts only the parts not found.
 */
export function createDiscordPoster(rest: REST, logger: Logger): Poster {
  /** The parts of `key` already in the channel (part → message id). */
  async function findPosted(channelId: string, key: string): Promise<Map<string, string>> {
    const byMarker = new Map<string, string>();
    try {
      const recent = (await rest.get(Routes.channelMessages(channelId), { query: new URLSearchParams({ limit: String(LOOKBACK) }) })) as APIMessage[];
      for (const m of recent) {
        if (!m.author?.bot) continue;
        for (const e of m.embeds) if (e.footer?.text?.startsWith(`ref ${key}/`)) byMarker.set(e.footer.text, m.id);
      }
    } catch (err) {
      // Without Read Message History the list is empty; other failures: posted again rather than never.
      logger.warn({ err, channelId, key }, 'discord: could not read the channel to find an earlier attempt of a group post; posting it again');
    }
    return byMarker;
  }

  return {
    async post(channel, reply, idempotencyKey, options = {}) {
      if (channel.platform !== 'discord') throw new Error(`the Discord poster cannot post to a ${channel.platform} channel`);
      const messages = renderMessage({ ...reply, visibility: 'channel' }, logger, { reserve: MARKER_ROOM });
      const found = options.retry ? await findPosted(channel.channelId, idempotencyKey) : new Map<string, string>();
      let first: string | undefined;
      for (const [part, message] of messages.entries()) {
        const marker = postMarker(idempotencyKey, part);
        const earlier = found.get(marker);
        if (earlier) {
          first ??= earlier;
          continue;
        }
        try {
          const sent = (await rest.post(Routes.channelMessages(channel.channelId), {
            body: { ...withMarker(message, marker), nonce: nonceFor(idempotencyKey, part), enforce_nonce: true },
          })) as APIMessage;
          first ??= sent.id;
        } catch (err) {
          throw channelUnavailable(err) ?? err;
        }
      }
      return { messageId: first! };
    },
  };
}
