import { describe, expect, it } from 'vitest';
import { CLICKS_PER_MINUTE, COMMANDS_PER_MINUTE, createRateLimiter } from '../../src/core/ratelimit.js';
import { rowCounts, TARGETS } from '../support/databases.js';
import { errorCode, textOf, useHarness } from '../support/harness.js';

describe('createRateLimiter', () => {
  it('allows `limit` uses per window per key, then says how long to wait', () => {
    const limiter = createRateLimiter(3, 60_000);
    expect([0, 1000, 2000].map((t) => limiter.take('a', t).ok)).toEqual([true, true, true]);
    expect(limiter.take('a', 3000)).toEqual({ ok: false, retryAfterMs: 57_000 });
    expect(limiter.take('b', 3000).ok).toBe(true);
    expect(limiter.take('a', 60_001).ok).toBe(true);
  });
});

describe.each(TARGETS)('per-member rate limit on %s', (target) => {
  const h = useHarness(target, { limits: { commandsPerMinute: COMMANDS_PER_MINUTE, clicksPerMinute: CLICKS_PER_MINUTE } });

  it(`answers the ${COMMANDS_PER_MINUTE + 1}th command in a minute with RATE_LIMITED, touches nothing, and lets others through`, async () => {
    for (let i = 0; i < COMMANDS_PER_MINUTE; i++) expect(errorCode(await h.cmd('alice', '/goal list'))).toBeUndefined();
    const before = await rowCounts(h.db);
    const limited = await h.cmd('alice', '/goal set Too fast');
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    expect(textOf(limited)).toMatch(/Try again in \d+ seconds?/);
    expect(await rowCounts(h.db)).toEqual(before);
    expect(errorCode(await h.cmd('bob', '/goal list'))).toBeUndefined();
    h.clock.advance(60_000);
    expect(errorCode(await h.cmd('alice', '/goal list'))).toBeUndefined();
  });
});
