import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../src/core/ports.js';
import { TARGETS } from '../support/databases.js';
import { useHarness } from '../support/harness.js';
import { RecordingPoster, schedulerFor, setup } from './kit.js';

describe.each(TARGETS)('scheduler tick on %s', (target) => {
  const h = useHarness(target);
  afterEach(() => expect(h.errors).toEqual([]));

  it('claims and posts the next groups while a channel still waits for its turn', async () => {
    h.clock.set('2026-11-24T08:00:00Z');
    for (const channel of ['C1', 'C2', 'C3']) await setup(h, 'time 09:00 tz UTC', channel);
    const poster = new RecordingPoster(h.clock.now);
    const post = poster.post.bind(poster);
    // C1's channel is slow (as when Slack's one message a second per channel holds it back).
    let releaseC1: () => void = () => {};
    const c1Held = new Promise<void>((resolve) => (releaseC1 = resolve));
    const others = () => poster.posts.filter((p) => p.channel.channelId !== 'C1').length;
    let othersPosted: () => void = () => {};
    const fourOthers = new Promise<void>((resolve, reject) => {
      othersPosted = resolve;
      setTimeout(() => reject(new Error(`only ${others()} posts of C2 and C3 while C1 waited`)), 5000).unref();
    });
    poster.post = async (channel: ChannelRef, ...rest) => {
      if (channel.channelId === 'C1') await c1Held;
      const result = await post(channel, ...rest);
      if (others() === 4) othersPosted();
      return result;
    };
    const compose = async () => ({ type: 'message' as const, visibility: 'channel' as const, blocks: [{ type: 'text' as const, text: 'post' }] });
    // One group's two slots a round: C2 and C3 come in later rounds than C1.
    const { scheduler } = schedulerFor(h, poster, { options: { maxInFlight: 2, batchSize: 2 }, compose });
    h.clock.set('2026-11-24T09:00:00Z');
    const tick = scheduler.tick(h.clock.now());
    await fourOthers;
    // C2's and C3's posts went out, one group after the other in the second place, while C1 waits.
    expect(poster.posts.map((p) => p.channel.channelId)).toEqual(['C2', 'C2', 'C3', 'C3']);
    releaseC1();
    expect((await tick).posted).toBe(6);
    expect(poster.posts.map((p) => p.channel.channelId)).toEqual(['C2', 'C2', 'C3', 'C3', 'C1', 'C1']);
  });
});
