import { describe, expect, it } from 'vitest';
import { DRILL_ANSWER_MIN } from '../../src/core/commands/drill.js';
import { promptById } from '../../src/core/content/index.js';
import { LEVELS, type InterviewPrompt } from '../../src/core/content/schema.js';
import { scoreAnswer } from '../../src/core/drills/rubric.js';
import { POINTS } from '../../src/core/scoring.js';
import { addDays, weekday } from '../../src/core/time.js';
import type { Reply } from '../../src/core/types.js';
import { rowCounts, TARGETS } from '../support/databases.js';
import { actor, buttons, errorCode, forms, realContent, textOf, useHarness } from '../support/harness.js';

const rubricPrompt = (keywords: string[][]): InterviewPrompt => ({
  id: 'p',
  topic: 'checklist',
  level: 'mid',
  skill: 'serving',
  lesson: 'interview-checklist',
  prompt: 'Explain.',
  rubric: keywords.map((k, i) => ({ point: `point ${i}`, keywords: k })),
  modelOutline: ['a', 'b', 'c'],
  followUps: ['d'],
});

describe('scoreAnswer', () => {
  const prompt = rubricPrompt([['rollback'], ['log'], ['canary release'], ['CI/CD']]);
  const covered = (answer: string) => scoreAnswer(prompt, answer).covered;

  it('matches a keyword at the start of a word, in any case, also with a suffix', () => {
    expect(covered('We keep a ROLLBACK ready')).toEqual([0]);
    expect(covered('Rollbacks are rehearsed')).toEqual([0]);
    expect(covered('Logs go to Loki')).toEqual([1]);
    expect(covered('(rollback) and "log".')).toEqual([0, 1]);
    expect(covered('A Canary   Release, then CI/CD.')).toEqual([2, 3]);
  });

  it('does not match inside other words', () => {
    expect(covered('the catalog and the blog')).toEqual([]);
    expect(covered('an unrollbackable change')).toEqual([]);
    expect(covered('canary alone is not a canary-free release')).toEqual([]);
  });

  it('scores the share of rubric points covered, in whole percent', () => {
    expect(scoreAnswer(prompt, 'rollback').scorePct).toBe(25);
    expect(scoreAnswer(prompt, 'log and rollback').scorePct).toBe(50);
    expect(scoreAnswer(rubricPrompt([['a1'], ['b2'], ['c3']]), 'a1 b2').scorePct).toBe(67);
    expect(scoreAnswer(prompt, '')).toEqual({ covered: [], scorePct: 0 });
  });
});

describe.each(TARGETS)('drill on %s', (target) => {
  const h = useHarness(target);
  const memberId = async (name: string) => (await h.store.ensureMember(actor(name))).id;

  /** The prompt and day on today's Answer button. */
  function today(replies: Reply[]) {
    const action = buttons(replies).find((b) => b.actionId.startsWith('dans:'))!.actionId;
    const [, promptId, day] = action.split(':');
    return { action, prompt: promptById(h.content, promptId!)!, day: day!, form: `dform:${promptId}:${day}` };
  }
  const rank = (p: InterviewPrompt) => LEVELS.indexOf(p.level);

  /** An answer naming the first keyword of `count` rubric points, chosen so no other point's keyword occurs in it. */
  function answerCovering(prompt: InterviewPrompt, count: number): { text: string; points: number[] } {
    const kw = prompt.rubric.map((r) => r.keywords[0]!);
    for (let start = 0; start + count <= kw.length; start++) {
      const points = Array.from({ length: count }, (_, i) => start + i);
      const text = `${points.map((i) => kw[i]).join(' ; ')} ; plus some zzz filler words`;
      const others = prompt.rubric.flatMap((r, i) => (points.includes(i) ? [] : r.keywords));
      if (!others.some((k) => text.toLowerCase().includes(k.toLowerCase()))) return { text, points };
    }
    throw new Error(`no clean answer for ${prompt.id}`);
  }

  it('gives every member of a group the same prompt on a day; another group may get another', async () => {
    const days = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];
    let differs = 0;
    for (const day of days) {
      h.clock.set(`${day}T10:00:00Z`);
      const alice = today(await h.cmd('alice', '/drill'));
      const bob = today(await h.cmd('bob', '/drill'));
      expect(bob.action).toBe(alice.action);
      expect(alice.day).toBe(day);
      const other = today(await h.cmd('carol', '/drill', 'C2'));
      if (other.prompt.id !== alice.prompt.id) differs++;
    }
    expect(differs).toBeGreaterThan(0);
  });

  it('never repeats a prompt until all have been used, and is harder on Friday than on Monday', async () => {
    const n = h.content.prompts.length;
    const start = '2026-11-23'; // a Monday
    const seen: InterviewPrompt[] = [];
    for (let i = 0; i < n; i++) {
      h.clock.set(`${addDays(start, i)}T10:00:00Z`);
      seen.push(today(await h.cmd('alice', '/drill')).prompt);
    }
    expect(new Set(seen.map((p) => p.id)).size).toBe(n);
    for (let i = 0; i + 4 < n; i += 7) {
      expect(weekday(addDays(start, i))).toBe(1);
      expect(rank(seen[i + 4]!), `week of ${addDays(start, i)}`).toBeGreaterThanOrEqual(rank(seen[i]!));
    }
    h.clock.set(`${addDays(start, n)}T10:00:00Z`);
    const again = today(await h.cmd('alice', '/drill')).prompt;
    expect(seen.map((p) => p.id)).toContain(again.id);
  });

  it('dailyPick offers only unused items until the pool is used up, then starts a new cycle', async () => {
    const group = await h.store.ensureGroup('console', 'T1', 'C1');
    const pool = ['a', 'b', 'c'];
    const offered: string[][] = [];
    const picks: string[] = [];
    for (let i = 0; i < 7; i++) {
      picks.push(await h.store.dailyPick(group.id, 'test', addDays('2026-12-01', i), pool, (c) => (offered.push([...c].sort()), c[c.length - 1]!)));
    }
    expect(new Set(picks.slice(0, 3)).size).toBe(3);
    expect(new Set(picks.slice(3, 6)).size).toBe(3);
    expect(offered.map((o) => o.length)).toEqual([3, 2, 1, 3, 2, 1, 3]);
    expect(offered[1]).not.toContain(picks[0]);
    expect(offered[2]).toEqual(pool.filter((p) => !picks.slice(0, 2).includes(p)));
    const repeat = await h.store.dailyPick(group.id, 'test', '2026-12-02', pool, () => 'a');
    expect(repeat).toBe(picks[1]);
  });

  it('Answer opens a form; the answer is scored by rubric coverage and earns points per point covered', async () => {
    const drill = today(await h.cmd('alice', '/drill'));
    expect(textOf(await h.cmd('alice', '/drill'))).toContain(drill.prompt.prompt);
    const [form] = forms(await h.click('alice', drill.action));
    expect(form!.formId).toBe(drill.form);
    expect(form!.intro).toBe(drill.prompt.prompt);
    expect(form!.fields.map((f) => f.id)).toEqual(['answer']);

    const { text, points } = answerCovering(drill.prompt, 2);
    const result = await h.submit('alice', drill.form, { answer: text });
    const earned = points.length * POINTS.interviewPerRubricPoint;
    expect(textOf(result)).toContain(`${points.length} of ${drill.prompt.rubric.length}`);
    expect(textOf(result)).toContain(`+${earned} points`);
    const lines = textOf(result).split('\n');
    drill.prompt.rubric.forEach((r, i) => expect(lines).toContain(`${points.includes(i) ? '✅' : '⬜'} ${r.point}`));
    expect(textOf(result)).toContain(drill.prompt.modelOutline[0]!);

    const stored = (await h.store.getInterviewAnswer(await memberId('alice'), (await h.store.ensureGroup('console', 'T1', 'C1')).id, drill.prompt.id, drill.day))!;
    expect(stored.covered).toEqual(points);
    expect(await h.store.totalPoints(await memberId('alice'))).toBe(earned);
    expect((await rowCounts(h.db)).activity_days).toBe(1);
  });

  it('keeps the first answer of the day: a resubmission or reopening returns it and adds no points', async () => {
    const drill = today(await h.cmd('alice', '/drill'));
    const first = await h.submit('alice', drill.form, { answer: answerCovering(drill.prompt, 1).text });
    const better = drill.prompt.rubric.map((r) => r.keywords[0]).join(' ; ');
    const [again, twice] = await Promise.all([h.submit('alice', drill.form, { answer: better }), h.submit('alice', drill.form, { answer: better })]);
    expect(textOf(again!)).toBe(textOf(first));
    expect(textOf(twice!)).toBe(textOf(first));
    expect(textOf(await h.click('alice', drill.action))).toBe(textOf(first));
    expect(textOf(await h.cmd('alice', '/drill'))).toBe(textOf(first));
    const counts = await rowCounts(h.db);
    expect(counts.interview_answers).toBe(1);
    expect(counts.score_events).toBe(1);
    expect(await h.store.totalPoints(await memberId('alice'))).toBe(POINTS.interviewPerRubricPoint);
  });

  it('refuses an answer shorter than the minimum and records nothing', async () => {
    const drill = today(await h.cmd('alice', '/drill'));
    const short = `   ${drill.prompt.rubric[0]!.keywords[0]!.padEnd(DRILL_ANSWER_MIN - 1, '.').slice(0, DRILL_ANSWER_MIN - 1)}   `;
    expect(errorCode(await h.submit('alice', drill.form, { answer: short }))).toBe('DRILL_ANSWER_SHORT');
    expect(errorCode(await h.submit('alice', drill.form, {}))).toBe('DRILL_ANSWER_SHORT');
    const counts = await rowCounts(h.db);
    expect(counts.interview_answers).toBe(0);
    expect(counts.score_events).toBe(0);
    expect(counts.activity_days).toBe(0);
    const ok = await h.submit('alice', drill.form, { answer: 'z'.repeat(DRILL_ANSWER_MIN) });
    expect(errorCode(ok)).toBeUndefined();
    expect(textOf(ok)).toContain(`0 of ${drill.prompt.rubric.length}`);
  });

  it('accepts yesterday’s form but refuses one from two days ago', async () => {
    const drill = today(await h.cmd('alice', '/drill'));
    h.clock.set(`${addDays(drill.day, 2)}T10:00:00Z`);
    expect(errorCode(await h.click('alice', drill.action))).toBe('DRILL_EXPIRED');
    expect(errorCode(await h.submit('alice', drill.form, { answer: answerCovering(drill.prompt, 1).text }))).toBe('DRILL_EXPIRED');
    expect((await rowCounts(h.db)).interview_answers).toBe(0);

    h.clock.set(`${addDays(drill.day, 1)}T10:00:00Z`);
    expect(errorCode(await h.submit('alice', drill.form, { answer: answerCovering(drill.prompt, 1).text }))).toBeUndefined();
    const stored = await h.store.getInterviewAnswer(await memberId('alice'), (await h.store.ensureGroup('console', 'T1', 'C1')).id, drill.prompt.id, drill.day);
    expect(stored?.points).toBe(POINTS.interviewPerRubricPoint);
  });

  it('refuses a form for a prompt that is not the day’s, so a member answers once a day', async () => {
    const drill = today(await h.cmd('alice', '/drill'));
    const other = h.content.prompts.find((p) => p.id !== drill.prompt.id)!;
    const answer = answerCovering(other, 1).text;
    expect(errorCode(await h.click('alice', `dans:${other.id}:${drill.day}`))).toBe('DRILL_EXPIRED');
    expect(errorCode(await h.submit('alice', `dform:${other.id}:${drill.day}`, { answer }))).toBe('DRILL_EXPIRED');
    expect((await rowCounts(h.db)).interview_answers).toBe(0);
    expect(errorCode(await h.submit('alice', drill.form, { answer: answerCovering(drill.prompt, 1).text }))).toBeUndefined();
    expect((await rowCounts(h.db)).interview_answers).toBe(1);
  });

  it.each(['dform:no-such-prompt:2026-11-25', 'dform', 'dans:no-such-prompt:2026-11-25', `dform:${realContent().prompts[0]!.id}:2026-11-27`, `dans:${realContent().prompts[0]!.id}:not-a-day`])('answers a forged %s with a clear error', async (id) => {
    const replies = id.startsWith('dans') ? await h.click('alice', id) : await h.submit('alice', id, { answer: 'x'.repeat(50) });
    expect(errorCode(replies)).toMatch(/PROMPT_GONE|DRILL_EXPIRED/);
    expect((await rowCounts(h.db)).interview_answers).toBe(0);
    expect(h.errors).toEqual([]);
  });
});
