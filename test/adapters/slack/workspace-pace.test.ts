import { beforeEach, describe, expect, it } from 'vitest';
import { createWorkspacePace, type WorkspacePace } from '../../../src/adapters/slack/workspace-pace.js';

describe('the workspace pace of Slack group posts', () => {
  let clock: number;
  let waits: number[];
  let pace: WorkspacePace;

  beforeEach(() => {
    clock = 1_000_000;
    waits = [];
    // The clock moves only when the pace sleeps, so every wait it asks for is exact.
    pace = createWorkspacePace(
      () => clock,
      async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    );
  });

  /** `n` posts Slack accepts, `gap` ms apart. */
  async function accept(n: number, gap = 0) {
    for (let i = 0; i < n; i++) {
      (await pace.turn(0)).accepted();
      clock += gap;
    }
  }

  it('holds nothing back before Slack refuses a post, except a channel’s own turn', async () => {
    await accept(500);
    expect(waits).toEqual([]);
    await pace.turn(clock + 400);
    expect(waits).toEqual([400]);
  });

  it('at the first 429 pauses every post for the Retry-After and learns the workspace’s rate', async () => {
    await accept(40, 10); // 40 posts within 400 ms
    (await pace.turn(0)).refused(1000);
    // Everyone waits out the Retry-After…
    (await pace.turn(0)).refused(1000);
    expect(waits).toEqual([1000]);
    // …and from then on about 40 posts go out in a second: the 41st waits.
    clock += 5000;
    waits = [];
    await accept(40);
    expect(waits).toEqual([]);
    await accept(5);
    expect(waits.length).toBeGreaterThan(0);
    expect(waits[0]).toBeGreaterThan(900);
  });

  it('learns nothing from a 429 after a handful of posts (one channel’s limit, not the workspace’s)', async () => {
    await accept(3);
    (await pace.turn(0)).refused(1000);
    await pace.turn(0);
    waits = [];
    await accept(200);
    expect(waits).toEqual([]);
  });

  it('slows by a step at a 429 at the learnt pace, and forgets the limit after a quiet minute', async () => {
    await accept(50, 5);
    (await pace.turn(0)).refused(1000);
    clock += 2000;
    // A 429 later on: 2% slower (49 a second), without pausing the other posts.
    (await pace.turn(0)).refused(1000);
    waits = [];
    await accept(49);
    expect(waits).toEqual([]);
    await pace.turn(0);
    expect(waits.length).toBe(1);

    clock += 61_000;
    waits = [];
    await accept(300);
    expect(waits).toEqual([]);
  });
});
