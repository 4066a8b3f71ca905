import { createHash } from 'node:crypto';
import { Routes, type APIMessage, type REST } from 'discord.js';
import type { Logger } from '../../core/command.js';
import type { Poster } from '../../core/ports.js';
import { channelUnavailable } from './errors.js';
import { renderMessage } from './render.js';

/** Discord keeps nonces of up to 25 characters; one logical post (and each of its parts) gets a stable one. */
export function nonceFor(idempotencyKey: string, part: number): string {
  return createHash('sha256').update(`${idempotencyKey}#${part}`).digest('base64url').slice(0, 25);
}

/**
 * Group posts into a channel. Each message carries a nonce with enforce_nonce, so a retried post
 * returns the message already created instead of a second one; discord.js REST queues per
 * route bucket and waits out 429s (retry_after) before retrying.
 */
export function createDiscordPoster(rest: REST, logger: Logger): Poster {
  return {
    async post(channel, reply, idempotencyKey) {
      if (channel.platform !== 'discord') throw new Error(`the Discord poster cannot post to a ${channel.platform} channel`);
      const messages = renderMessage({ ...reply, visibility: 'channel' }, logger);
      let first: string | undefined;
      for (const [part, message] of messages.entries()) {
        try {
          const sent = (await rest.post(Routes.channelMessages(channel.channelId), {
            body: { ...message, nonce: nonceFor(idempotencyKey, part), enforce_nonce: true },
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
