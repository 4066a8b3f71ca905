import { afterEach, describe, expect, it } from 'vitest';
import { questionById } from '../../src/core/content/index.js';
import { learningPath } from '../../src/core/lessons/path.js';
import { EXAM_PASS_PCT, POINTS } from '../../src/core/scoring.js';
import { skillName } from '../../src/core/skills.js';
import type { Block, Reply } from '../../src/core/types.js';
import { TARGETS } from '../support/databases.js';
import { actor, buttons, errorCode, messages, textOf, useHarness } from '../support/harness.js';
import { answerQuestion, questionWhere } from '../support/points.js';

function blocks(replies: Reply[]): Block[] {
  return messages(replies).flatMap((m) => m.blocks);
}

/** The value of one field of the /progress reply. */
function field(replies: Reply[], label: string): string | undefined {
  for (const b of blocks(replies)) if (b.type === 'fields') return b.fields.find((f) => f.label === label)?.value;
  return undefined;
}

function bars(replies: Reply[]) {
  const b = blocks(replies).find((x) => x.type === 'bars');
  return b?.type === 'bars' ? b.bars : [];
}

describe.each(TARGETS)('progress on %s', (target) => {
  const h = useHarness(target);
  afterEach(() => expect(h.errors).toEqual([]));

  const progress = (user: string) => h.cmd(user, '/progress');

  it('shows an empty record for a new member', async () => {
    const replies = await progress('alice');
    expect(errorCode(replies)).toBeUndefined();
    expect(field(replies, 'Points')).toBe('0');
    expect(field(replies, 'Streak')).toBe('0 days');
    expect(field(replies, 'Answers')).toBe('none yet');
    expect(field(replies, 'Best exam')).toBe('not taken');
    expect(field(replies, 'Lessons')).toBe(`0 of ${learningPath(h.content).length} done`);
    expect(field(replies, 'Goals 2026-W48')).toBe('none set');
    expect(bars(replies)).toEqual([]);
  });

  it('adds up points by scoring rule and shows accuracy per skill', async () => {
    const f1 = questionWhere(h, { skill: 'foundations', difficulty: 'easy' });
    const f2 = questionWhere(h, { skill: 'foundations', difficulty: 'medium' });
    const s1 = questionWhere(h, { skill: 'serving', difficulty: 'hard' });
    await answerQuestion(h, 'alice', f1.id, true);
    await answerQuestion(h, 'alice', f2.id, false);
    await answerQuestion(h, 'alice', s1.id, true);
    await answerQuestion(h, 'alice', f1.id, true); // a repeat earns practice points only
    await answerQuestion(h, 'bob', f2.id, true); // someone else's points are not mine

    const replies = await progress('alice');
    expect(field(replies, 'Points')).toBe(String(POINTS.firstCorrect.easy + POINTS.wrong + POINTS.firstCorrect.hard + POINTS.practiceCorrect));
    expect(field(replies, 'Answers')).toBe(`3 of 4 correct (${Math.round((3 / 4) * 100)}%)`);
    expect(bars(replies)).toEqual([
      { label: skillName(h.content, 'foundations'), value: 2, max: 3 },
      { label: skillName(h.content, 'serving'), value: 1, max: 1 },
    ]);
    expect(field(await progress('bob'), 'Points')).toBe(String(POINTS.firstCorrect.medium));
  });

  it('counts the streak in consecutive days of the member’s own time zone', async () => {
    await h.cmd('tomo', '/study timezone Asia/Tokyo');
    const q = (nth: number) => questionWhere(h, { skill: 'pipelines' }, nth).id;
    // The same three moments: Sun 23:00, Mon 01:00 and Tue 10:00 in Tokyo; Sun 14:00, Sun 16:00 and Tue 01:00 in UTC.
    for (const [at, nth] of [['2026-11-22T14:00:00Z', 0], ['2026-11-22T16:00:00Z', 1], ['2026-11-24T01:00:00Z', 2]] as const) {
      h.clock.set(at);
      await answerQuestion(h, 'tomo', q(nth), nth !== 1); // a wrong answer is activity too
      await answerQuestion(h, 'ulla', q(nth), true);
    }
    h.clock.set('2026-11-24T02:00:00Z');
    expect(field(await progress('tomo'), 'Streak')).toBe('3 days');
    expect(field(await progress('ulla'), 'Streak')).toBe('1 day');
  });

  it('keeps a streak alive until the day without activity is over, then breaks it', async () => {
    h.clock.set('2026-11-23T09:00:00Z');
    await answerQuestion(h, 'alice', questionWhere(h, {}, 0).id, true);
    h.clock.set('2026-11-24T09:00:00Z');
    await h.cmd('alice', '/goal set Any activity counts'); // setting a goal is activity
    h.clock.set('2026-11-25T23:59:00Z'); // no activity yet today, yesterday had some
    expect(field(await progress('alice'), 'Streak')).toBe('2 days');
    h.clock.set('2026-11-26T00:01:00Z'); // yesterday had none: broken
    expect(field(await progress('alice'), 'Streak')).toBe('0 days');
    await h.click('alice', `ldone:${learningPath(h.content)[0]!.id}`); // finishing a lesson is activity
    expect(field(await progress('alice'), 'Streak')).toBe('1 day');
  });

  it('shows the best exam result, not the latest', async () => {
    const member = await h.store.ensureMember(actor('alice'));
    /** Takes the whole exam with buttons, answering the first `right` questions correctly; returns the result reply. */
    async function takeExam(right: number): Promise<{ replies: Reply[]; total: number }> {
      let replies = await h.cmd('alice', '/exam start');
      const session = (await h.store.openExam(member.id))!;
      session.questionIds.forEach((id) => expect(questionById(h.content, id)).toBeDefined());
      for (let i = 0; i < session.questionIds.length; i++) {
        const q = questionById(h.content, session.questionIds[i]!)!;
        const choice = i < right ? q.answer : (q.answer + 1) % q.choices.length;
        expect(buttons(replies).map((b) => b.actionId)).toContain(`ans:${session.id}:${i}:${choice}`);
        replies = await h.click('alice', `ans:${session.id}:${i}:${choice}`);
      }
      return { replies, total: session.questionIds.length };
    }
    const pct = (correct: number, total: number) => Math.round((correct / total) * 1000) / 10;

    const first = await takeExam(36);
    const best = pct(36, first.total);
    expect(textOf(first.replies)).toContain(`${best}% · passed`);
    const second = await takeExam(10);
    expect(textOf(second.replies)).toContain(`${pct(10, second.total)}% · not passed`);

    expect(best).toBeGreaterThanOrEqual(EXAM_PASS_PCT);
    expect(field(await progress('alice'), 'Best exam')).toBe(`${best}% (passed)`);
    expect(field(await progress('bob'), 'Best exam')).toBe('not taken');
  });

  it('counts lessons marked done once each', async () => {
    const path = learningPath(h.content);
    await h.click('alice', `ldone:${path[0]!.id}`);
    await h.click('alice', `ldone:${path[3]!.id}`);
    await h.click('alice', `ldone:${path[3]!.id}`);
    expect(field(await progress('alice'), 'Lessons')).toBe(`2 of ${path.length} done`);
  });

  it('shows this week’s goals and how many are done', async () => {
    await h.cmd('alice', '/goal set Goal one');
    await h.cmd('alice', '/goal set Goal two');
    await h.cmd('alice', '/goal set Goal three');
    await h.cmd('alice', '/goal done 2');
    expect(field(await progress('alice'), 'Goals 2026-W48')).toBe('1 of 3 done');
    h.clock.set('2026-11-30T09:00:00Z');
    expect(field(await progress('alice'), 'Goals 2026-W49')).toBe('none set');
  });
});
