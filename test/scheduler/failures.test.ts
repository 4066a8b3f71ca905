import { afterEach, describe, expect, it } from 'vitest';
import { ChannelUnavailableError } from '../../src/core/ports.js';
import { TARGETS } from '../support/databases.js';
import { actor, errorCode, textOf, useHarness } from '../support/harness.js';
import { kindOf, RecordingPoster, schedulerFor, setup } from './kit.js';

const MINUTE = 60_000;
const SLOT = new Date('2026-11-24T09:00:00Z'); // a Tuesday: drill and reminder

describe.each(TARGETS)('scheduler failures on %s', (target) => {
  const h = useHarness(target);
  afterEach(() => expect(h.errors).toEqual([]));

  async function groupAt(channel = 'C1') {
    h.clock.set('2026-11-24T08:00:00Z');
    await setup(h, 'time 09:00 tz UTC days mon-fri', channel);
    return h.store.ensureGroup('console', 'T1', channel);
  }

  it('a replica that crashed between claim and post: the slot is posted once, after the lease', async () => {
    const group = await groupAt();
    // Replica A claims the drill at 09:00 and dies before posting.
    const drill = { groupId: group.id, kind: 'drill' as const, slot: SLOT };
    expect(await h.store.claimSlots([drill], SLOT, new Date(SLOT.getTime() + 5 * MINUTE))).toEqual({ claimed: [{ ...drill, attempt: 1 }], completed: [] });

    const poster = new RecordingPoster(h.clock.now);
    const { scheduler } = schedulerFor(h, poster, { options: { leaseMs: 5 * MINUTE } });
    for (const minute of [0, 1, 4]) {
      h.clock.set(new Date(SLOT.getTime() + minute * MINUTE).toISOString());
      await scheduler.tick(h.clock.now());
    }
    expect(poster.posts.map(kindOf)).toEqual(['reminder']);

    for (const minute of [5, 6, 7, 30]) {
      h.clock.set(new Date(SLOT.getTime() + minute * MINUTE).toISOString());
      await scheduler.tick(h.clock.now());
    }
    expect(poster.posts.map(kindOf)).toEqual(['reminder', 'drill']);
    const [row] = await h.db.db.query.scheduledDeliveries.findMany({ where: (d, { eq }) => eq(d.kind, 'drill') });
    expect(row).toMatchObject({ attempts: 2, messageId: 'msg-2' });
    expect(row!.completedAt).not.toBeNull();
  });

  it('a post that fails for another reason is retried after the lease, and posted once', async () => {
    await groupAt();
    const poster = new RecordingPoster(h.clock.now);
    let down = true;
    poster.failWith = () => (down ? new Error('socket hang up') : undefined);
    const { scheduler, logger } = schedulerFor(h, poster, { options: { leaseMs: 5 * MINUTE } });

    h.clock.set(SLOT.toISOString());
    expect(await scheduler.tick(h.clock.now())).toMatchObject({ failed: 2, posted: 0 });
    expect(logger.lines.filter((l) => l.level === 'error')).toHaveLength(2);
    const failed = await h.db.db.query.scheduledDeliveries.findMany();
    expect(failed.map((d) => d.failure)).toEqual(['socket hang up', 'socket hang up']);

    down = false;
    h.clock.set(new Date(SLOT.getTime() + 2 * MINUTE).toISOString());
    expect(await scheduler.tick(h.clock.now())).toMatchObject({ posted: 0 });
    h.clock.set(new Date(SLOT.getTime() + 5 * MINUTE).toISOString());
    expect(await scheduler.tick(h.clock.now())).toMatchObject({ posted: 2 });
    h.clock.set(new Date(SLOT.getTime() + 10 * MINUTE).toISOString());
    expect(await scheduler.tick(h.clock.now())).toMatchObject({ posted: 0 });
    expect(poster.posts.map(kindOf).sort()).toEqual(['drill', 'reminder']);
    const done = await h.db.db.query.scheduledDeliveries.findMany();
    expect(done.map((d) => [d.attempts, d.failure])).toEqual([
      [2, null],
      [2, null],
    ]);
  });

  it('a channel that is gone or forbids posting pauses that group, with the reason in /study status', async () => {
    await groupAt('C1');
    await groupAt('C2');
    const poster = new RecordingPoster(h.clock.now);
    poster.failWith = (channel) => (channel.channelId === 'C1' ? new ChannelUnavailableError('forbidden', 'missing_permissions') : undefined);
    const { scheduler, logger } = schedulerFor(h, poster);

    h.clock.set(SLOT.toISOString());
    expect(await scheduler.tick(h.clock.now())).toMatchObject({ paused: 1, posted: 2 });
    expect(poster.posts.every((p) => p.channel.channelId === 'C2')).toBe(true);
    expect(logger.lines.find((l) => l.msg === 'channel unavailable: schedule paused')?.obj).toMatchObject({ channelId: 'C1', reason: 'forbidden' });

    const status = await h.cmd('ann', '/study status', 'C1');
    expect(textOf(status)).toContain('paused');
    expect(textOf(status)).toContain('not allowed to post in the channel');
    expect(textOf(status)).toContain('/study resume');

    // No retries against the broken channel: the next days only post to C2.
    const callsAfterPause = poster.calls;
    h.clock.set('2026-11-25T09:00:00Z');
    await scheduler.tick(h.clock.now());
    expect(poster.calls).toBe(callsAfterPause + 2);

    // Fixed by an organiser: resumed, posts again from the next slot.
    poster.failWith = () => undefined;
    const resumed = await h.core.handle({ kind: 'command', actor: actor('Olga'), channelId: 'C1', text: '/study resume', organiser: true });
    expect(errorCode(resumed)).toBeUndefined();
    expect(textOf(await h.cmd('ann', '/study status', 'C1'))).toContain('Next posts');
    h.clock.set('2026-11-26T09:00:00Z');
    await scheduler.tick(h.clock.now());
    expect(poster.posts.filter((p) => p.channel.channelId === 'C1').map(kindOf)).toEqual(['drill', 'reminder']);
  });
});
