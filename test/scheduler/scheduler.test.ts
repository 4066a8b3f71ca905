import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { TARGETS } from '../support/databases.js';
import { useHarness } from '../support/harness.js';
import { kindOf, RecordingPoster, schedulerFor, setup, tickThrough, type Posted } from './kit.js';

const local = (p: Posted, zone: string) => DateTime.fromJSDate(p.at, { zone });

describe.each(TARGETS)('scheduler on %s', (target) => {
  const h = useHarness(target);
  afterEach(() => expect(h.errors).toEqual([]));

  it('posts the digest, drill and reminder at 09:00 local on Monday, drill and reminder on weekdays, nothing at the weekend', async () => {
    h.clock.set('2026-11-22T12:00:00Z'); // Sunday
    await setup(h, 'time 09:00 tz America/New_York days mon-fri');
    const poster = new RecordingPoster(h.clock.now);
    const { scheduler } = schedulerFor(h, poster);

    await tickThrough(h, scheduler, '2026-11-23T13:00:00Z', '2026-11-23T13:45:00Z', 15); // Monday 08:00–08:45 EST
    h.clock.set('2026-11-23T13:59:00Z');
    await scheduler.tick(h.clock.now());
    expect(poster.posts).toEqual([]);
    h.clock.set('2026-11-23T14:00:00Z');
    const report = await scheduler.tick(h.clock.now());
    expect(report.posted).toBe(3);
    expect(poster.posts.map(kindOf)).toEqual(['digest', 'drill', 'reminder']);
    for (const p of poster.posts) {
      expect(p.channel).toEqual({ platform: 'console', workspaceId: 'T1', channelId: 'C1' });
      expect(p.reply.visibility).toBe('channel');
      expect(p.key.length).toBeLessThanOrEqual(25);
    }
    expect(poster.posts.map((p) => p.reply.title)).toEqual(['Weekly digest · 2026-W48', 'Daily drill · Mon 23 Nov', 'Weekly goals · 2026-W48']);

    // More ticks in the same minute and later that day post nothing more.
    await scheduler.tick(h.clock.now());
    await tickThrough(h, scheduler, '2026-11-23T14:01:00Z', '2026-11-24T13:59:00Z', 60);
    expect(poster.posts).toHaveLength(3);

    await tickThrough(h, scheduler, '2026-11-24T14:00:00Z', '2026-11-30T11:00:00Z', 180);
    const days = poster.posts.slice(3).map((p) => `${local(p, 'America/New_York').toFormat('ccc HH:mm')} ${kindOf(p)}`);
    expect(days).toEqual(['Tue', 'Wed', 'Thu', 'Fri'].flatMap((d) => [`${d} 09:00 drill`, `${d} 09:00 reminder`]));
  });

  it('records each post’s message id, reports each outcome and moves the group’s next slot on', async () => {
    h.clock.set('2026-11-24T00:00:00Z');
    await setup(h, 'time 07:45 tz UTC days daily');
    const poster = new RecordingPoster(h.clock.now);
    const outcomes: string[] = [];
    const { scheduler } = schedulerFor(h, poster, { onOutcome: (kind, outcome) => outcomes.push(`${kind} ${outcome}`) });
    await tickThrough(h, scheduler, '2026-11-24T07:45:00Z', '2026-11-24T07:45:00Z');
    expect(outcomes).toEqual(['drill posted', 'reminder posted']);
    const rows = await h.db.db.query.scheduledDeliveries.findMany();
    expect(rows.map((r) => [r.kind, r.slot.toISOString(), r.messageId, r.attempts]).sort()).toEqual([
      ['drill', '2026-11-24T07:45:00.000Z', expect.stringMatching(/^msg-/), 1],
      ['reminder', '2026-11-24T07:45:00.000Z', expect.stringMatching(/^msg-/), 1],
    ]);
    const group = await h.store.ensureGroup('console', 'T1', 'C1');
    const state = await h.store.groupSchedule(group.id);
    expect(Object.fromEntries(state.next.map((n) => [n.kind, n.at.toISOString()]))).toEqual({
      drill: '2026-11-25T07:45:00.000Z',
      reminder: '2026-11-25T07:45:00.000Z',
      digest: '2026-11-30T07:45:00.000Z',
    });
  });

  describe('daylight saving, driven by ticks every 30 or 60 minutes', () => {
    it('Europe/Berlin: 09:00 stays 09:00 local after the clocks go back (07:00 UTC before, 08:00 UTC after)', async () => {
      h.clock.set('2026-10-22T12:00:00Z');
      await setup(h, 'time 09:00 tz Europe/Berlin days mon-fri');
      const poster = new RecordingPoster(h.clock.now);
      const { scheduler } = schedulerFor(h, poster);
      await tickThrough(h, scheduler, '2026-10-23T00:00:00Z', '2026-10-27T23:00:00Z', 60);
      const drills = poster.posts.filter((p) => kindOf(p) === 'drill');
      expect(drills.map((p) => p.at.toISOString())).toEqual(['2026-10-23T07:00:00.000Z', '2026-10-26T08:00:00.000Z', '2026-10-27T08:00:00.000Z']);
      for (const p of drills) expect(local(p, 'Europe/Berlin').toFormat('HH:mm')).toBe('09:00');
    });

    it('America/New_York: a time in the spring-forward gap fires at 03:00, and a repeated 01:30 fires once', async () => {
      h.clock.set('2026-03-06T12:00:00Z');
      await setup(h, 'time 02:30 tz America/New_York days daily');
      const poster = new RecordingPoster(h.clock.now);
      const { scheduler } = schedulerFor(h, poster);
      await tickThrough(h, scheduler, '2026-03-07T00:00:00Z', '2026-03-09T23:30:00Z');
      const spring = poster.posts.filter((p) => kindOf(p) === 'drill').map((p) => local(p, 'America/New_York').toFormat('ccc d HH:mm'));
      expect(spring).toEqual(['Sat 7 02:30', 'Sun 8 03:00', 'Mon 9 02:30']);

      poster.posts = [];
      h.clock.set('2026-10-30T12:00:00Z');
      await setup(h, 'time 01:30');
      await tickThrough(h, scheduler, '2026-10-31T00:00:00Z', '2026-11-02T23:30:00Z');
      const fall = poster.posts.filter((p) => kindOf(p) === 'drill').map((p) => local(p, 'America/New_York').toFormat('ccc d HH:mm'));
      expect(fall).toEqual(['Sat 31 01:30', 'Sun 1 01:30', 'Mon 2 01:30']);
    });

    it('Australia/Sydney: 02:30 fires once on the night the clocks go back and at 03:00 on the night they go forward', async () => {
      h.clock.set('2026-04-02T00:00:00Z');
      await setup(h, 'time 02:30 tz Australia/Sydney days daily');
      const poster = new RecordingPoster(h.clock.now);
      const { scheduler } = schedulerFor(h, poster);
      await tickThrough(h, scheduler, '2026-04-03T12:00:00Z', '2026-04-06T12:00:00Z');
      const autumn = poster.posts.filter((p) => kindOf(p) === 'drill').map((p) => local(p, 'Australia/Sydney').toFormat('ccc d HH:mm'));
      expect(autumn).toEqual(['Sat 4 02:30', 'Sun 5 02:30', 'Mon 6 02:30']);

      poster.posts = [];
      h.clock.set('2026-10-01T00:00:00Z');
      await setup(h, 'time 02:30');
      await tickThrough(h, scheduler, '2026-10-02T12:00:00Z', '2026-10-05T12:00:00Z');
      const spring = poster.posts.filter((p) => kindOf(p) === 'drill').map((p) => local(p, 'Australia/Sydney').toFormat('ccc d HH:mm'));
      expect(spring).toEqual(['Sat 3 02:30', 'Sun 4 03:00', 'Mon 5 02:30']);
    });
  });

  describe('after downtime', () => {
    it('posts slots missed by up to 3 hours late, skips and logs older ones', async () => {
      h.clock.set('2026-11-22T12:00:00Z');
      await setup(h, 'time 09:00 tz America/New_York days mon-fri');
      const poster = new RecordingPoster(h.clock.now);
      const { scheduler, logger } = schedulerFor(h, poster);

      // Down Monday 08:00–11:30 (2.5 h after the slot): Monday's posts go out late.
      h.clock.set('2026-11-23T16:30:00Z');
      expect((await scheduler.tick(h.clock.now())).posted).toBe(3);

      // Down Tuesday 08:00–13:00 (4 h after): Tuesday's are skipped, with a log line.
      h.clock.set('2026-11-24T18:00:00Z');
      expect(await scheduler.tick(h.clock.now())).toMatchObject({ posted: 0, skipped: 2 });
      const skipped = logger.lines.filter((l) => l.msg?.includes('skipped'));
      expect(skipped.map((l) => [l.obj.kind, l.obj.slot])).toEqual([
        ['drill', '2026-11-24T14:00:00.000Z'],
        ['reminder', '2026-11-24T14:00:00.000Z'],
      ]);

      // Down Wednesday morning to Friday 10:00: Friday's 09:00 is posted once, Wednesday's and Thursday's skipped.
      h.clock.set('2026-11-27T15:00:00Z');
      expect(await scheduler.tick(h.clock.now())).toMatchObject({ posted: 2, skipped: 2 });
      const drills = poster.posts.filter((p) => kindOf(p) === 'drill').map((p) => p.reply.title);
      expect(drills).toEqual(['Daily drill · Mon 23 Nov', 'Daily drill · Fri 27 Nov']);
    });
  });

  it('start() ticks at once, catching up after downtime, and stop() waits for that tick', async () => {
    h.clock.set('2026-11-24T08:00:00Z');
    await setup(h, 'time 09:00 tz UTC');
    const poster = new RecordingPoster(h.clock.now);
    const { scheduler } = schedulerFor(h, poster);
    h.clock.set('2026-11-24T10:30:00Z');
    scheduler.start();
    await scheduler.stop();
    expect(poster.posts.map(kindOf)).toEqual(['drill', 'reminder']);
  });

  it('leaves groups of platforms this replica cannot post to, and still posts the others', async () => {
    h.clock.set('2026-11-24T08:00:00Z');
    await setup(h, 'time 09:00 tz UTC');
    await h.core.handle({ kind: 'command', actor: { platform: 'slack', workspaceId: 'TS', userId: 'U1', displayName: 'Sam' }, channelId: 'CS', text: '/study setup time 09:00', organiser: true });
    const poster = new RecordingPoster(h.clock.now);
    const { scheduler } = schedulerFor(h, poster);
    h.clock.set('2026-11-24T09:00:00Z');
    await scheduler.tick(h.clock.now());
    expect(poster.posts.map((p) => p.channel.channelId)).toEqual(['C1', 'C1']);
    expect((await h.db.db.query.groupSchedules.findMany()).filter((s) => s.nextRunAt.toISOString() === '2026-11-24T09:00:00.000Z')).toHaveLength(2);
  });

  it('keeps at most maxInFlight posts in flight', async () => {
    h.clock.set('2026-11-24T08:00:00Z');
    for (let i = 0; i < 12; i++) await setup(h, 'time 09:00 tz UTC', `C${i}`);
    let active = 0;
    let most = 0;
    const poster = new RecordingPoster(h.clock.now);
    const compose = async (g: { channelId: string }, kind: string) => {
      active++;
      most = Math.max(most, active);
      return { type: 'message' as const, visibility: 'channel' as const, blocks: [{ type: 'text' as const, text: `${kind} for ${g.channelId}` }] };
    };
    const post = poster.post.bind(poster);
    poster.post = async (...args) => {
      await new Promise((resolve) => setImmediate(resolve));
      active--;
      return post(...args);
    };
    const { scheduler } = schedulerFor(h, poster, { options: { maxInFlight: 3, batchSize: 5 }, compose });
    h.clock.set('2026-11-24T09:00:00Z');
    expect((await scheduler.tick(h.clock.now())).posted).toBe(24);
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(3);
  });
});
