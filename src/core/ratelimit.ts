/**
 * A sliding-window limit per key, in memory: each replica limits what it serves. Timestamps older
 * than the window are dropped as keys are touched, and idle keys are swept, so memory stays bounded.
 */
export interface RateLimiter {
  /** Records one use of `key` at `now` if allowed; otherwise says how long to wait. */
  take(key: string, now: number): { ok: true } | { ok: false; retryAfterMs: number };
}

export function createRateLimiter(limit: number, windowMs: number): RateLimiter {
  const uses = new Map<string, number[]>();
  let lastSweep = 0;
  return {
    take(key, now) {
      if (now - lastSweep > windowMs) {
        for (const [k, times] of uses) if ((times.at(-1) ?? 0) <= now - windowMs) uses.delete(k);
        lastSweep = now;
      }
      const recent = (uses.get(key) ?? []).filter((t) => t > now - windowMs);
      if (recent.length >= limit) {
        uses.set(key, recent);
        return { ok: false, retryAfterMs: recent[0]! + windowMs - now };
      }
      recent.push(now);
      uses.set(key, recent);
      return { ok: true };
    },
  };
}

/** Commands per member per minute; buttons and forms have their own, looser limit (a quiz is many clicks). */
export const COMMANDS_PER_MINUTE = 20;
export const CLICKS_PER_MINUTE = 60;
