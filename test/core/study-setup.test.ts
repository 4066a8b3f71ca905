import { afterEach, describe, expect, it } from 'vitest';
import { plain } from '../../src/adapters/console/render.js';
import { ConsoleSession } from '../../src/adapters/console/session.js';
import { parseDays, parseSetupArgs, parseTime } from '../../src/core/schedule/settings.js';
import type { Actor, Reply } from '../../src/core/types.js';
import { rowCounts, TARGETS } from '../support/databases.js';
import { actor, errorCode, messages, textOf, useHarness, type Harness } from '../support/harness.js';
import { kindOf, RecordingPoster, schedulerFor } from '../scheduler/kit.js';

const asOrganiser = (h: Harness, text: string, channel = 'C1', who: Actor = actor('Olga')): Promise<Reply[]> =>
  h.core.handle({ kind: 'command', actor: who, channelId: channel, text, organiser: true });

function fields(replies: Reply[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of messages(replies)) for (const b of m.blocks) if (b.type === 'fields') for (const f of b.fields) out[f.label] = f.value;
  return out;
}

describe('setup arguments', () => {
  const current = { timezone: 'UTC', postTime: '09:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'] };

  it('accepts key value and key=value, keeping what is not given', () => {
    expect(parseSetupArgs('', current)).toEqual(current);
    expect(parseSetupArgs('time 7:05', current)).toEqual({ ...current, postTime: '07:05' });
    expect(parseSetupArgs('TZ Europe/Berlin days=mon,wed,fri', current)).toEqual({ timezone: 'Europe/Berlin', postTime: '09:00', days: ['mon', 'wed', 'fri'] });
  });

  it('reads days as ranges (wrapping), lists, mixes and names', () => {
    expect(parseDays('mon-fri')).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    expect(parseDays('fri-mon')).toEqual(['mon', 'fri', 'sat', 'sun']);
    expect(parseDays('Monday-Wed,fri')).toEqual(['mon', 'tue', 'wed', 'fri']);
    expect(parseDays('daily')).toHaveLength(7);
    expect(parseDays('weekends')).toEqual(['sat', 'sun']);
    expect(parseTime('23:59')).toBe('23:59');
  });

  it('refuses bad values with a code and the accepted forms', () => {
    const cases: [string, string, string][] = [
      ['time 25:00', 'SETUP_TIME', 'HH:MM'],
      ['time 9am', 'SETUP_TIME', '09:00'],
      ['time', 'SETUP_TIME', 'missing'],
      ['tz Mars/Olympus', 'TIMEZONE_INVALID', 'Europe/Berlin'],
      ['tz', 'TIMEZONE_INVALID', 'missing'],
      ['days mon-funday', 'SETUP_DAYS', 'mon,wed,fri'],
      ['days weekly', 'SETUP_DAYS', 'daily'],
      ['days mo', 'SETUP_DAYS', 'mon-fri'],
      ['hour 9', 'SETUP_ARGS', '/study setup [time HH:MM]'],
    ];
    for (const [args, code, hint] of cases) {
      expect(() => parseSetupArgs(args, current), args).toThrow(expect.objectContaining({ code, message: expect.stringContaining(hint) }));
    }
  });
});

describe.each(TARGETS)('/study setup, pause, resume and status on %s', (target) => {
  const h = useHarness(target);
  afterEach(() => expect(h.errors).toEqual([]));

  it('refuses members who are not organisers, saying who can, and changes nothing', async () => {
    const before = await rowCounts(h.db);
    for (const sub of ['setup time 08:00', 'pause', 'resume']) {
      const reply = await h.cmd('mia', `/study ${sub}`);
      expect(errorCode(reply), sub).toBe('NOT_ORGANISER');
      expect(messages(reply)[0]!.visibility).toBe('ephemeral');
    }
    const slack = await h.core.handle({ kind: 'command', actor: { platform: 'slack', workspaceId: 'T9', userId: 'U1', displayName: 'Mia' }, channelId: 'C1', text: '/study setup', organiser: false });
    expect(textOf(slack)).toContain('workspace admins and owners');
    const discord = await h.core.handle({ kind: 'command', actor: { platform: 'discord', workspaceId: 'G9', userId: '1', displayName: 'Mia' }, channelId: 'C1', text: '/study setup' });
    expect(textOf(discord)).toContain('Manage Server or Manage Channels');
    const after = await rowCounts(h.db);
    expect(after.scheduled_deliveries).toBe(before.scheduled_deliveries);
    expect((await h.db.db.query.groupSchedules.findMany()).length).toBe(0);
    expect((await h.db.db.query.studyGroups.findMany()).every((g) => g.setupAt === null)).toBe(true);
  });

  it('sets the group up with defaults, announces it in the channel and lists the next posts in local time', async () => {
    h.clock.set('2026-11-25T10:00:00Z'); // Wednesday
    const reply = await asOrganiser(h, '/study setup');
    expect(errorCode(reply)).toBeUndefined();
    expect(messages(reply)[0]!.visibility).toBe('channel');
    expect(textOf(reply)).toContain('This channel is now a study group');
    expect(textOf(reply)).toContain('Daily drill: Thu 26 Nov 2026, 09:00 (UTC+0)');
    expect(textOf(reply)).toContain('Weekly digest: Mon 30 Nov 2026, 09:00 (UTC+0)');

    const status = await h.cmd('mia', '/study status');
    expect(fields(status)).toMatchObject({ 'Time zone': 'UTC', 'Daily posts': '09:00 on Mon, Tue, Wed, Thu, Fri', State: 'active' });
    expect(textOf(status)).toContain('Next posts');
    expect(textOf(status)).toContain('Goal reminder: Thu 26 Nov 2026, 09:00 (UTC+0)');
  });

  it('changes time, zone and days; status shows them and the next posts in the group’s zone', async () => {
    h.clock.set('2026-11-25T10:00:00Z');
    await asOrganiser(h, '/study setup');
    const reply = await asOrganiser(h, '/study setup time 07:30 tz Europe/Berlin days mon,wed,fri');
    expect(textOf(reply)).toContain('Schedule updated by Olga');
    const status = await h.cmd('mia', '/study status');
    expect(fields(status)).toMatchObject({ 'Time zone': 'Europe/Berlin', 'Daily posts': '07:30 on Mon, Wed, Fri' });
    expect(textOf(status)).toContain('Daily drill: Fri 27 Nov 2026, 07:30 (UTC+1)');
    expect(textOf(status)).toContain('Weekly digest: Mon 30 Nov 2026, 07:30 (UTC+1)');
    const rows = await h.db.db.query.groupSchedules.findMany();
    expect(rows.map((r) => [r.kind, r.nextRunAt.toISOString()]).sort()).toEqual([
      ['digest', '2026-11-30T06:30:00.000Z'],
      ['drill', '2026-11-27T06:30:00.000Z'],
      ['reminder', '2026-11-27T06:30:00.000Z'],
    ]);
  });

  it('keeps the saved schedule when a value is refused', async () => {
    await asOrganiser(h, '/study setup time 08:00');
    for (const bad of ['time 8h', 'tz Europe/Berln', 'days someday']) {
      const reply = await asOrganiser(h, `/study setup ${bad}`);
      expect(errorCode(reply)).toMatch(/^(SETUP_TIME|TIMEZONE_INVALID|SETUP_DAYS)$/);
    }
    expect(fields(await h.cmd('mia', '/study status'))).toMatchObject({ 'Time zone': 'UTC', 'Daily posts': '08:00 on Mon, Tue, Wed, Thu, Fri' });
  });

  it('pauses and resumes: nothing is scheduled while paused, and the state shows in /study status', async () => {
    h.clock.set('2026-11-25T10:00:00Z');
    expect(errorCode(await asOrganiser(h, '/study pause'))).toBe('GROUP_NOT_SET_UP');
    expect(errorCode(await asOrganiser(h, '/study resume'))).toBe('GROUP_NOT_SET_UP');
    await asOrganiser(h, '/study setup');

    const paused = await asOrganiser(h, '/study pause');
    expect(messages(paused)[0]!.visibility).toBe('channel');
    expect(textOf(paused)).toContain('/study resume');
    expect(await h.db.db.query.groupSchedules.findMany()).toEqual([]);
    const status = await h.cmd('mia', '/study status');
    expect(fields(status).State).toBe('paused');
    expect(textOf(status)).toContain('an organiser paused them');
    expect(textOf(await asOrganiser(h, '/study pause'))).toContain('already paused');

    h.clock.set('2026-11-27T10:00:00Z');
    const resumed = await asOrganiser(h, '/study resume');
    expect(textOf(resumed)).toContain('Daily drill: Mon 30 Nov 2026, 09:00 (UTC+0)');
    expect(fields(await h.cmd('mia', '/study status')).State).toBe('active');
    expect(textOf(await asOrganiser(h, '/study resume'))).toContain('already running');
  });

  it('does not post a second drill the same day when the time is moved later after today’s post', async () => {
    h.clock.set('2026-11-24T08:00:00Z');
    await asOrganiser(h, '/study setup time 09:00');
    const poster = new RecordingPoster(h.clock.now);
    const { scheduler } = schedulerFor(h, poster);
    h.clock.set('2026-11-24T09:00:00Z');
    await scheduler.tick(h.clock.now());
    expect(poster.posts.map(kindOf)).toEqual(['drill', 'reminder']);

    h.clock.set('2026-11-24T09:30:00Z');
    const reply = await asOrganiser(h, '/study setup time 10:00');
    expect(textOf(reply)).toContain('Daily drill: Wed 25 Nov 2026, 10:00 (UTC+0)');
    h.clock.set('2026-11-24T10:00:00Z');
    await scheduler.tick(h.clock.now());
    expect(poster.posts).toHaveLength(2);
  });

  it('the console’s local user is the organiser of its group', async () => {
    const session = new ConsoleSession(h.core, 'Ada', plain);
    const out = await session.handleLine('/study setup time 08:15 tz Asia/Kolkata');
    expect(out).toContain('This channel is now a study group');
    expect(await session.handleLine('/study status')).toContain('08:15 on Mon, Tue, Wed, Thu, Fri');
  });
});
