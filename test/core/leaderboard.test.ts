import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { POINTS } from '../../src/core/scoring.js';
import type { Reply } from '../../src/core/types.js';
import { studyGroups } from '../../src/db/schema.js';
import { TARGETS } from '../support/databases.js';
import { errorCode, messages, textOf, useHarness } from '../support/harness.js';
import { answerQuestion, questionWhere } from '../support/points.js';

/** The ranking a leaderboard reply shows: display name and points, top first. */
function ranking(replies: Reply[]): [string, number][] {
  return [...textOf(replies).matchAll(/^(?:🥇|🥈|🥉|\d+\.) (.+?) · \*\*(\d+)\*\* pts$/gmu)].map((m) => [m[1]!, Number(m[2])]);
}

const { easy, medium, hard } = POINTS.firstCorrect;
const MINUTE = 60_000;

describe.each(TARGETS)('leaderboard on %s', (target) => {
  const h = useHarness(target);
  afterEach(() => expect(h.errors).toEqual([]));

  /** Earns the first-correct points of a question of `difficulty` (the `nth` such question, so each is new to the member). */
  async function earn(user: string, difficulty: 'easy' | 'medium' | 'hard', nth = 0, channel = 'C1') {
    const replies = await answerQuestion(h, user, questionWhere(h, { difficulty }, nth).id, true, { channel });
    expect(textOf(replies)).toContain(`+${POINTS.firstCorrect[difficulty]} points`);
  }

  /** What /study setup would do for an organiser: give the group a time zone. */
  async function setGroupZone(channel: string, timezone: string) {
    const group = await h.store.ensureGroup('console', 'T1', channel);
    await h.db.db.update(studyGroups).set({ timezone }).where(eq(studyGroups.id, group.id));
  }

  it('ranks members by points, highest first, and leaves out members with no points', async () => {
    await earn('alice', 'easy');
    await earn('bob', 'hard');
    await earn('carol', 'medium');
    await answerQuestion(h, 'dave', questionWhere(h, { difficulty: 'hard' }).id, false);
    const board = await h.cmd('erin', '/leaderboard');
    expect(errorCode(board)).toBeUndefined();
    expect(ranking(board)).toEqual([
      ['bob', hard],
      ['carol', medium],
      ['alice', easy],
    ]);
    expect(textOf(board)).toContain('You have no points in this period yet');
  });

  it('breaks a tie in favour of whoever reached the total first', async () => {
    await earn('alice', 'easy', 0);
    h.clock.advance(5 * MINUTE);
    await earn('bob', 'easy', 0);
    expect(ranking(await h.cmd('alice', '/leaderboard'))).toEqual([
      ['alice', easy],
      ['bob', easy],
    ]);
    // Bob gets to twice that first this time, so he is ahead although alice got her first points earlier.
    h.clock.advance(5 * MINUTE);
    await earn('bob', 'easy', 1);
    h.clock.advance(5 * MINUTE);
    await earn('alice', 'easy', 1);
    expect(ranking(await h.cmd('alice', '/leaderboard all'))).toEqual([
      ['bob', 2 * easy],
      ['alice', 2 * easy],
    ]);
  });

  it('counts week and month in the group’s time zone; all time counts everything', async () => {
    h.clock.set('2026-10-31T23:30:00Z'); // October, in UTC
    await earn('carol', 'hard');
    h.clock.set('2026-11-22T23:00:00Z'); // Sunday of last week (2026-W47)
    await earn('alice', 'hard');
    h.clock.set('2026-11-23T01:00:00Z'); // Monday of this week (2026-W48)
    await earn('bob', 'easy');
    h.clock.set('2026-11-25T10:00:00Z');

    const week = await h.cmd('alice', '/leaderboard week');
    expect(messages(week)[0]!.title).toContain('2026-W48');
    expect(ranking(week)).toEqual([['bob', easy]]);
    expect(ranking(await h.cmd('alice', '/leaderboard'))).toEqual(ranking(week));
    expect(textOf(week)).toContain('You have no points in this period yet');
    const month = await h.cmd('alice', '/leaderboard MONTH');
    expect(messages(month)[0]!.title).toContain('November 2026');
    expect(ranking(month)).toEqual([
      ['alice', hard],
      ['bob', easy],
    ]);
    expect(ranking(await h.cmd('alice', '/leaderboard all'))).toEqual([
      ['carol', hard],
      ['alice', hard],
      ['bob', easy],
    ]);
  });

  it('uses the group’s time zone, not the member’s, for the week', async () => {
    await setGroupZone('C2', 'Asia/Tokyo');
    await h.cmd('alice', '/study timezone America/Los_Angeles');
    h.clock.set('2026-11-22T14:00:00Z'); // Sunday 23:00 in Tokyo: last week there
    await earn('bob', 'medium', 0, 'C2');
    h.clock.set('2026-11-22T16:00:00Z'); // still Sunday in UTC and Los Angeles, Monday 01:00 in Tokyo
    await earn('alice', 'hard', 0, 'C1');
    await earn('alice', 'hard', 1, 'C2');
    h.clock.set('2026-11-25T10:00:00Z');

    expect(ranking(await h.cmd('alice', '/leaderboard', 'C2'))).toEqual([['alice', hard]]);
    expect(ranking(await h.cmd('alice', '/leaderboard', 'C1'))).toEqual([]);
    expect(ranking(await h.cmd('alice', '/leaderboard all', 'C2'))).toEqual([
      ['alice', hard],
      ['bob', medium],
    ]);
  });

  it('hides members who turned privacy on and tells them so', async () => {
    await earn('alice', 'hard');
    await earn('bob', 'easy');
    expect(errorCode(await h.cmd('alice', '/study privacy on'))).toBeUndefined();

    const seenByBob = await h.cmd('bob', '/leaderboard');
    expect(ranking(seenByBob)).toEqual([['bob', easy]]);
    expect(textOf(seenByBob)).not.toContain('alice');
    const seenByAlice = await h.cmd('alice', '/leaderboard all');
    expect(ranking(seenByAlice)).toEqual([['bob', easy]]);
    expect(textOf(seenByAlice)).toContain('You are hidden from leaderboards');

    await h.cmd('alice', '/study privacy off');
    const back = await h.cmd('alice', '/leaderboard');
    expect(ranking(back)).toEqual([
      ['alice', hard],
      ['bob', easy],
    ]);
    expect(textOf(back)).not.toContain('hidden');
  });

  it('shows the top 10 and tells a member below them their own rank', async () => {
    const ahead = Array.from({ length: 11 }, (_, i) => `member${String(i + 1).padStart(2, '0')}`);
    for (const name of ahead) {
      await earn(name, 'hard');
      h.clock.advance(MINUTE);
    }
    await earn('hidden', 'hard');
    await h.cmd('hidden', '/study privacy on');
    await earn('twin', 'medium');
    h.clock.advance(MINUTE);
    await earn('me', 'medium');
    await earn('last', 'easy');

    const board = await h.cmd('me', '/leaderboard');
    expect(ranking(board)).toEqual(ahead.slice(0, 10).map((name) => [name, hard]));
    // Ahead of me: 11 members with more points and twin, who reached the same total first; the hidden member does not count.
    expect(textOf(board)).toContain(`You: #13 with ${medium} pts.`);
    expect(textOf(await h.cmd('twin', '/leaderboard'))).toContain(`You: #12 with ${medium} pts.`);
    expect(textOf(await h.cmd('last', '/leaderboard'))).toContain(`You: #14 with ${easy} pts.`);
    expect(textOf(await h.cmd('member03', '/leaderboard'))).not.toContain('You:');
    expect(textOf(await h.cmd('member11', '/leaderboard'))).toContain(`You: #11 with ${hard} pts.`);
  });

  it('answers an unknown period with LEADERBOARD_PERIOD', async () => {
    for (const period of ['year', 'weekly', '2026', 'today']) {
      const replies = await h.cmd('alice', `/leaderboard ${period}`);
      expect(errorCode(replies), period).toBe('LEADERBOARD_PERIOD');
      expect(textOf(replies)).toContain('week, month, all');
    }
  });

  it('keeps each group (channel) separate', async () => {
    await earn('alice', 'hard', 0, 'C1');
    await earn('bob', 'easy', 0, 'C2');
    expect(ranking(await h.cmd('bob', '/leaderboard all', 'C1'))).toEqual([['alice', hard]]);
    const c2 = await h.cmd('alice', '/leaderboard all', 'C2');
    expect(ranking(c2)).toEqual([['bob', easy]]);
    expect(textOf(c2)).toContain('You have no points in this period yet');
  });
});
