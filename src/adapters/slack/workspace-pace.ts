import type { Sleep } from './api-errors.js';

/** A learnt limit is forgotten after this long without a 429, so a higher one can be found. */
const FORGET_MS = 60_000;
/** Fewer posts than this accepted in the second before a 429 teach nothing (it was about one channel, not the workspace). */
const MIN_LEARNT = 10;
/** Slack's second, plus a margin for the time between a post leaving and Slack counting it. */
const WINDOW_MS = 1050;

export interface WorkspacePace {
  /**
   * Waits until a post may go out (not before `earliest`, its channel's turn) and counts it in the
   * workspace's second; then call `accepted` or `refused` with Slack's answer.
   */
  turn(earliest: number): Promise<{ accepted(): void; refused(retryAfterMs: number): void }>;
}

/**
 * The pace of group posts across a workspace. Slack publishes no number for its workspace-wide
 * limit on chat.postMessage, so it is learnt at the first 429 (when every post waits out the
 * Retry-After): as many posts a second as Slack accepted in the second before, then one more for
 * each second without a 429 and 2% less at each 429 in a later second. A refused post waits its
 * Retry-After. Until the first 429 posts are only paced per channel.
 */
export function createWorkspacePace(now: () => number, sleep: Sleep): WorkspacePace {
  const sent: number[] = [];
  const accepted: number[] = [];
  let limit: number | undefined;
  let limitedAt = 0;
  let raisedAt = 0;
  let pausedUntil = 0;

  function prune(t: number): void {
    for (const list of [sent, accepted]) while (list.length > 0 && list[0]! <= t - WINDOW_MS) list.shift();
    if (limit !== undefined && t - limitedAt > FORGET_MS) limit = undefined;
    // A second without a 429: try one more a second.
    if (limit !== undefined && t - raisedAt > WINDOW_MS) {
      limit += 1;
      raisedAt = t;
    }
  }

  function refused(at: number, retryAfterMs: number): void {
    const t = now();
    prune(t);
    const i = sent.lastIndexOf(at);
    if (i >= 0) sent.splice(i, 1);
    if (limit === undefined) {
      // The first 429: everything waits out the Retry-After, so the posts already on their way
      // are not all refused as well, and the pace is learnt.
      if (accepted.length >= MIN_LEARNT) limit = accepted.length;
      limitedAt = raisedAt = t;
      pausedUntil = Math.max(pausedUntil, t + retryAfterMs);
    } else if (t - limitedAt > WINDOW_MS) {
      // At the learnt pace a 429 means it is a little too fast (the clocks here and at Slack differ):
      // a step slower. The other posts refused in the same second teach nothing new.
      limit = Math.max(MIN_LEARNT, Math.floor(limit * 0.98));
      limitedAt = raisedAt = t;
    }
  }

  return {
    async turn(earliest) {
      for (;;) {
        const t = now();
        prune(t);
        let wait = Math.max(earliest, pausedUntil) - t;
        if (wait <= 0 && limit !== undefined && sent.length >= limit) wait = sent[sent.length - limit]! + WINDOW_MS - t;
        if (wait <= 0) {
          sent.push(t);
          return { accepted: () => void accepted.push(now()), refused: (retryAfterMs) => refused(t, retryAfterMs) };
        }
        await sleep(wait);
      }
    },
  };
}
