import type { webApi } from '@slack/bolt';
import type { Logger } from '../../core/command.js';
import type { ChannelRef, Poster, PostOptions } from '../../core/ports.js';
import type { MessageReply } from '../../core/types.js';
import { channelError, retryAfterSeconds, withRateLimitRetry, type Sleep } from './api-errors.js';
import { packMessages } from './blocks.js';
import { createWorkspacePace } from './workspace-pace.js';

const REMEMBER_MS = 60 * 60_000;
/** How long a group post waits out 429s before it fails (and is retried after its claim's 5-minute lease). */
const RATE_LIMIT_BUDGET_MS = 2 * 60_000;
/** The message metadata event each group post carries: its idempotency key and part number. */
export const POST_EVENT_TYPE = 'studybot_post';
/** Messages read back (one conversations.history page) when a retry looks for its earlier attempt. */
const LOOKBACK = 100;

export interface SlackPosterOptions {
  client: webApi.WebClient;
  sleep: Sleep;
  now?: () => number;
  intervalMs?: number;
  logger?: Logger;
}

/**
 * Group posts through chat.postMessage: one queue per channel at most one message per
 * `intervalMs` (Slack's limit is about one a second per channel), 429s waited out, and channel
 * errors retrying cannot fix raised as ChannelUnavailableError. Slack has no idempotency key, so
 * each message carries its key in message metadata: a retry after a crash or a lost response
 * (`options.retry`) reads the channel's recent history and posts only the parts not found. A
 * key posted by this process in the last hour returns the first post without asking Slack.
 */
export function createSlackPoster(opts: SlackPosterOptions): Poster {
  const now = opts.now ?? Date.now;
  const interval = opts.intervalMs ?? 1000;
  const lastPost = new Map<string, number>();
  const queues = new Map<string, Promise<unknown>>();
  const posted = new Map<string, { messageId: string; expires: number }>();
  const inFlight = new Map<string, Promise<{ messageId: string }>>();
  const pace = createWorkspacePace(now, opts.sleep);

  /** One chat.postMessage in its channel's and the workspace's turn; 429s are waited out for RATE_LIMIT_BUDGET_MS at most. */
  async function postInTurn(channelId: string, args: webApi.ChatPostMessageArguments): Promise<webApi.ChatPostMessageResponse> {
    const started = now();
    let retryAt = -Infinity;
    for (;;) {
      const turn = await pace.turn(Math.max((lastPost.get(channelId) ?? -Infinity) + interval, retryAt));
      try {
        const result = await opts.client.chat.postMessage(args);
        turn.accepted();
        return result;
      } catch (err) {
        const after = retryAfterSeconds(err);
        if (after === undefined || now() - started > RATE_LIMIT_BUDGET_MS) throw err;
        const waitMs = Math.max(after, 1) * 1000;
        retryAt = now() + waitMs;
        turn.refused(waitMs);
      }
    }
  }

  /** The parts of `key` already in the channel (part → ts). */
  async function findPosted(channelId: string, key: string): Promise<Map<number, string>> {
    const found = new Map<number, string>();
    try {
      const history = await withRateLimitRetry(() => opts.client.conversations.history({ channel: channelId, limit: LOOKBACK, include_all_metadata: true }), opts.sleep);
      for (const m of history.messages ?? []) {
        const payload = m.metadata?.event_type === POST_EVENT_TYPE ? (m.metadata.event_payload as { key?: unknown; part?: unknown } | undefined) : undefined;
        if (payload?.key === key && typeof payload.part === 'number' && m.ts) found.set(payload.part, m.ts);
      }
    } catch (err) {
      // Without channels:history, or in a channel the bot posts to without being a member: posted again rather than never.
      opts.logger?.warn({ err, channelId, key }, 'slack: could not read the channel to find an earlier attempt of a group post; posting it again');
    }
    return found;
  }

  async function send(channelId: string, reply: MessageReply, key: string, options: PostOptions): Promise<{ messageId: string }> {
    const found = options.retry ? await findPosted(channelId, key) : new Map<number, string>();
    let first: string | undefined;
    for (const [part, message] of packMessages([reply]).entries()) {
      const earlier = found.get(part);
      if (earlier) {
        first ??= earlier;
        continue;
      }
      try {
        const metadata = { event_type: POST_EVENT_TYPE, event_payload: { key, part } };
        const result = await postInTurn(channelId, { channel: channelId, text: message.text, blocks: message.blocks, unfurl_links: false, metadata });
        first ??= result.ts;
      } catch (err) {
        throw channelError(err, channelId);
      } finally {
        lastPost.set(channelId, now());
      }
    }
    return { messageId: first ?? '' };
  }

  return {
    post(channel: ChannelRef, reply: MessageReply, idempotencyKey: string, options: PostOptions = {}) {
      if (channel.platform !== 'slack') return Promise.reject(new Error(`the Slack poster cannot post to ${channel.platform}`));
      for (const [key, entry] of posted) {
        if (entry.expires > now()) break;
        posted.delete(key);
      }
      const done = posted.get(idempotencyKey);
      if (done && done.expires > now()) return Promise.resolve({ messageId: done.messageId });
      const running = inFlight.get(idempotencyKey);
      if (running) return running;

      const tail = queues.get(channel.channelId) ?? Promise.resolve();
      const job = tail.then(() => send(channel.channelId, reply, idempotencyKey, options));
      const settled = job.catch(() => undefined);
      queues.set(channel.channelId, settled);
      void settled.then(() => {
        if (queues.get(channel.channelId) === settled) queues.delete(channel.channelId);
      });
      inFlight.set(idempotencyKey, job);
      job.then(
        (r) => posted.set(idempotencyKey, { messageId: r.messageId, expires: now() + REMEMBER_MS }),
        () => undefined,
      ).finally(() => inFlight.delete(idempotencyKey));
      return job;
    },
  };
}
