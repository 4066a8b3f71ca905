import { afterEach, describe, expect, it } from 'vitest';
import { GOAL_MAX, GOAL_MIN } from '../../src/core/commands/goal.js';
import { GOALS_PER_WEEK } from '../../src/core/scoring.js';
import type { Reply } from '../../src/core/types.js';
import { rowCounts, TARGETS } from '../support/databases.js';
import { actor, errorCode, messages, textOf, useHarness } from '../support/harness.js';

/** The goals a list reply shows, in order: text and whether it is ticked. */
function listed(replies: Reply[]): { text: string; done: boolean }[] {
  return [...textOf(replies).matchAll(/^(✅|⬜) \d+\. (.+)$/gmu)].map((m) => ({ done: m[1] === '✅', text: m[2]! }));
}

const titleOf = (replies: Reply[]) => messages(replies)[0]?.title ?? '';

describe.each(TARGETS)('goal on %s', (target) => {
  const h = useHarness(target);
  afterEach(() => expect(h.errors).toEqual([]));

  async function setGoals(user: string, texts: string[]) {
    for (const t of texts) expect(errorCode(await h.cmd(user, `/goal set ${t}`))).toBeUndefined();
  }

  it('sets goals and lists them in the order they were set, none done', async () => {
    const added = await h.cmd('alice', '/goal set Finish the serving lesson');
    expect(textOf(added)).toContain('Goal added.');
    await h.cmd('alice', '/goal add Take a kubernetes quiz');
    const list = await h.cmd('alice', '/goal list');
    expect(listed(list)).toEqual([
      { text: 'Finish the serving lesson', done: false },
      { text: 'Take a kubernetes quiz', done: false },
    ]);
    expect(textOf(list)).toContain('0 of 2 done');
    expect(listed(await h.cmd('alice', '/goal'))).toEqual(listed(list));
    expect(listed(await h.cmd('bob', '/goal list'))).toEqual([]);
  });

  it('marks a numbered goal done, and a bare done ticks the first goal not done yet', async () => {
    await setGoals('alice', ['Goal one', 'Goal two', 'Goal three']);
    expect(listed(await h.cmd('alice', '/goal done 2')).map((g) => g.done)).toEqual([false, true, false]);
    const first = await h.cmd('alice', '/goal done');
    expect(textOf(first)).toContain('Done: Goal one');
    expect(listed(first).map((g) => g.done)).toEqual([true, true, false]);
    const third = await h.cmd('alice', '/goal done');
    expect(textOf(third)).toContain('Done: Goal three');
    expect(textOf(third)).toContain('3 of 3 done');
    expect(errorCode(await h.cmd('alice', '/goal done'))).toBe('GOAL_ALL_DONE');
  });

  it('keeps the first done time when a goal is marked done twice', async () => {
    await setGoals('alice', ['Goal one']);
    await h.cmd('alice', '/goal done 1');
    const member = await h.store.ensureMember(actor('alice'));
    const [before] = await h.store.listGoals(member.id, '2026-W48');
    expect(before!.doneAt).toEqual(h.clock.now());
    h.clock.advance(60 * 60 * 1000);
    expect(listed(await h.cmd('alice', '/goal done 1'))).toEqual([{ text: 'Goal one', done: true }]);
    expect((await h.store.listGoals(member.id, '2026-W48'))[0]!.doneAt).toEqual(before!.doneAt);
  });

  it('clears one goal by number, then all of them with a bare clear or clear all', async () => {
    await setGoals('alice', ['Goal one', 'Goal two', 'Goal three']);
    const one = await h.cmd('alice', '/goal clear 2');
    expect(textOf(one)).toContain('Cleared: Goal two');
    expect(listed(one).map((g) => g.text)).toEqual(['Goal one', 'Goal three']);
    const all = await h.cmd('alice', '/goal clear');
    expect(textOf(all)).toContain('Cleared 2 goals.');
    expect(listed(await h.cmd('alice', '/goal list'))).toEqual([]);
    await setGoals('alice', ['Goal four', 'Goal five']);
    await setGoals('bob', ['Bob keeps this']);
    const allWord = await h.cmd('alice', '/goal clear all');
    expect(errorCode(allWord)).toBeUndefined();
    expect(textOf(allWord)).toContain('Cleared 2 goals.');
    expect((await rowCounts(h.db)).weekly_goals).toBe(1);
    expect(listed(await h.cmd('bob', '/goal list'))).toEqual([{ text: 'Bob keeps this', done: false }]);
  });

  it(`refuses a goal past ${GOALS_PER_WEEK} a week and stores none of it`, async () => {
    await setGoals('alice', Array.from({ length: GOALS_PER_WEEK }, (_, i) => `Goal number ${i + 1}`));
    expect(errorCode(await h.cmd('alice', '/goal set One goal too many'))).toBe('GOAL_LIMIT');
    expect((await rowCounts(h.db)).weekly_goals).toBe(GOALS_PER_WEEK);
    // Clearing one makes room again.
    await h.cmd('alice', '/goal clear 1');
    expect(errorCode(await h.cmd('alice', '/goal set Now there is room'))).toBeUndefined();
    expect((await rowCounts(h.db)).weekly_goals).toBe(GOALS_PER_WEEK);
  });

  it(`lets only one of two concurrent sets through at ${GOALS_PER_WEEK - 1} goals`, async () => {
    await setGoals('alice', Array.from({ length: GOALS_PER_WEEK - 1 }, (_, i) => `Goal number ${i + 1}`));
    const results = await Promise.all([h.cmd('alice', '/goal set Racing goal A'), h.cmd('alice', '/goal set Racing goal B')]);
    expect(results.map(errorCode).sort()).toEqual(['GOAL_LIMIT', undefined]);
    expect((await rowCounts(h.db)).weekly_goals).toBe(GOALS_PER_WEEK);
    expect(listed(await h.cmd('alice', '/goal list'))).toHaveLength(GOALS_PER_WEEK);
  });

  it('does not add the same goal twice in a week', async () => {
    await setGoals('alice', ['Read the registry lesson']);
    const again = await h.cmd('alice', '/goal set Read the registry lesson');
    expect(errorCode(again)).toBeUndefined();
    expect(textOf(again)).toContain('You already have that goal this week.');
    expect(listed(again)).toEqual([{ text: 'Read the registry lesson', done: false }]);
    expect((await rowCounts(h.db)).weekly_goals).toBe(1);
  });

  it(`accepts goal text of ${GOAL_MIN} to ${GOAL_MAX} characters and refuses shorter or longer`, async () => {
    for (const bad of ['x'.repeat(GOAL_MIN - 1), 'y'.repeat(GOAL_MAX + 1), '']) {
      expect(errorCode(await h.cmd('alice', `/goal set ${bad}`))).toBe('GOAL_TEXT_LENGTH');
    }
    expect((await rowCounts(h.db)).weekly_goals).toBe(0);
    await setGoals('alice', ['a'.repeat(GOAL_MIN), 'b'.repeat(GOAL_MAX)]);
    expect(listed(await h.cmd('alice', '/goal list')).map((g) => g.text.length)).toEqual([GOAL_MIN, GOAL_MAX]);
  });

  it('answers a bad goal number with GOAL_NUMBER and changes nothing', async () => {
    await setGoals('alice', ['Goal one', 'Goal two']);
    for (const args of ['done 0', 'done 3', 'done -1', 'done two', 'done 1 2', 'clear 3', 'clear x', 'clear 1.5', 'clear all 1']) {
      expect(errorCode(await h.cmd('alice', `/goal ${args}`)), args).toBe('GOAL_NUMBER');
    }
    expect(listed(await h.cmd('alice', '/goal list'))).toEqual([
      { text: 'Goal one', done: false },
      { text: 'Goal two', done: false },
    ]);
  });

  it('says there is nothing to tick when the week has no goals', async () => {
    expect(errorCode(await h.cmd('alice', '/goal done'))).toBe('GOAL_NONE');
    expect(errorCode(await h.cmd('alice', '/goal done 1'))).toBe('GOAL_NONE');
  });

  it('answers an unknown goal subcommand with GOAL_SUBCOMMAND', async () => {
    for (const args of ['finish 1', 'remove 1', 'setgoal Learn things']) {
      expect(errorCode(await h.cmd('alice', `/goal ${args}`)), args).toBe('GOAL_SUBCOMMAND');
    }
    expect((await rowCounts(h.db)).weekly_goals).toBe(0);
  });

  it('uses the ISO week of the member’s own time zone: Sunday 20:00 UTC is already next week in Tokyo', async () => {
    expect(errorCode(await h.cmd('tomo', '/study timezone Asia/Tokyo'))).toBeUndefined();
    h.clock.set('2026-11-29T10:00:00Z'); // Sunday 19:00 in Tokyo, week 48 everywhere
    await setGoals('tomo', ['Tokyo goal of week 48']);
    await setGoals('ulla', ['UTC goal of week 48']);
    expect(titleOf(await h.cmd('tomo', '/goal list'))).toContain('2026-W48');

    h.clock.set('2026-11-29T20:00:00Z'); // still Sunday in UTC, Monday 05:00 in Tokyo
    const tokyo = await h.cmd('tomo', '/goal list');
    expect(titleOf(tokyo)).toContain('2026-W49');
    expect(listed(tokyo)).toEqual([]);
    const utc = await h.cmd('ulla', '/goal list');
    expect(titleOf(utc)).toContain('2026-W48');
    expect(listed(utc)).toEqual([{ text: 'UTC goal of week 48', done: false }]);

    // A new goal in Tokyo counts towards week 49; last week's goal is neither listed nor ticked.
    await setGoals('tomo', ['Tokyo goal of week 49']);
    const done = await h.cmd('tomo', '/goal done');
    expect(listed(done)).toEqual([{ text: 'Tokyo goal of week 49', done: true }]);
    expect((await rowCounts(h.db)).weekly_goals).toBe(3);
  });

  it('does not list last week’s goals, nor count them towards this week’s limit', async () => {
    h.clock.set('2026-11-22T23:59:00Z'); // Sunday of week 47 (UTC)
    await setGoals('alice', Array.from({ length: GOALS_PER_WEEK }, (_, i) => `Old goal ${i + 1}`));
    h.clock.set('2026-11-23T00:01:00Z'); // Monday of week 48
    const list = await h.cmd('alice', '/goal list');
    expect(titleOf(list)).toContain('2026-W48');
    expect(listed(list)).toEqual([]);
    expect(errorCode(await h.cmd('alice', '/goal done'))).toBe('GOAL_NONE');
    await setGoals('alice', ['Old goal 1']);
    expect(listed(await h.cmd('alice', '/goal list'))).toEqual([{ text: 'Old goal 1', done: false }]);
    expect((await rowCounts(h.db)).weekly_goals).toBe(GOALS_PER_WEEK + 1);
  });
});
