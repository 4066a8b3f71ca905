import type { webApi } from '@slack/bolt';
import type { ChannelRef, Poster } from '../../core/ports.js';
import type { MessageReply } from '../../core/types.js';
import { channelError, withRateLimitRetry, type Sleep } from './api-errors.js';
import { packMessages } from './blocks.js';

const REMEMBER_MS = 60 * 60_000;

/**
 * Group posts through chat.postMessage: one queue per channel at most one message per
 * `intervalMs` (Slack's limit is about one a second per channel), 429s waited out, and channel
 * errors retrying cannot fix raised as ChannelUnavailableError. Slack has no idempotency key,
 * so a key posted by this process in the last hour returns the first post instead of a second.
 */
export function createSlackPoster(opts: { client: webApi.WebClient; sleep: Sleep; now?: () => number; intervalMs?: number }): Poster {
  const now = opts.now ?? Date.now;
  const interval = opts.intervalMs ?? 1000;
  const lastPost = new Map<string, number>();
  const queues = new Map<string, Promise<unknown>>();
  const posted = new Map<string, { messageId: string; expires: number }>();
  const inFlight = new Map<string, Promise<{ messageId: string }>>();

  async function send(channelId: string, reply: MessageReply): Promise<{ messageId: string }> {
    let first: string | undefined;
    for (const message of packMessages([reply])) {
      const wait = (lastPost.get(channelId) ?? -Infinity) + interval - now();
      if (wait > 0) await opts.sleep(wait);
      try {
        const result = await withRateLimitRetry(
          () => opts.client.chat.postMessage({ channel: channelId, text: message.text, blocks: message.blocks, unfurl_links: false }),
          opts.sleep,
        );
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
    post(channel: ChannelRef, reply: MessageReply, idempotencyKey: string) {
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
      const job = tail.then(() => send(channel.channelId, reply));
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
