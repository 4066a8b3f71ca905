import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/core/command.js';
import { questionById } from '../../src/core/content/index.js';
import { computeExamResult } from '../../src/core/exam/finish.js';
import type { Session } from '../../src/core/ports.js';
import { EXAM_PASS_PCT, EXAM_QUESTIONS_PER_SKILL } from '../../src/core/scoring.js';
import type { MessageReply, Reply } from '../../src/core/types.js';
import { quizSessions } from '../../src/db/schema.js';
import { rowCounts, TARGETS } from '../support/databases.js';
import { actor, buttons, errorCode, messages, realContent, textOf, useHarness } from '../support/harness.js';

/** The fewest correct answers that reach the pass mark. */
const PASS_MIN = Math.ceil((EXAM_PASS_PCT / 100) * realContent().skills.length * EXAM_QUESTIONS_PER_SKILL);

describe.each(TARGETS)('exam on %s', (target) => {
  const h = useHarness(target);

  const memberId = async (name: string) => (await h.store.ensureMember(actor(name))).id;
  const sessionOf = async (replies: Reply[]): Promise<Session> => {
    const [, sessionId] = buttons(replies).find((b) => b.actionId.startsWith('ans:'))!.actionId.split(':');
    return (await h.store.getSession(sessionId!))!;
  };
  const openExamRows = async (name: string) =>
    h.db.db
      .select()
      .from(quizSessions)
      .where(and(eq(quizSessions.memberId, await memberId(name)), eq(quizSessions.kind, 'exam'), eq(quizSessions.status, 'open')));
  const pct = (correct: number, total: number) => Math.round((correct / total) * 1000) / 10;

  /** Answers every question in order, wrongly for the ids in `wrong`; returns the replies to the last click. */
  async function answerAll(user: string, session: Session, wrong: Set<string>): Promise<{ last: Reply[]; lastAction: string }> {
    let last: Reply[] = [];
    let lastAction = '';
    for (const [i, id] of session.questionIds.entries()) {
      const q = questionById(h.content, id)!;
      const choice = wrong.has(id) ? (q.answer + 1) % q.choices.length : q.answer;
      lastAction = `ans:${session.id}:${i}:${choice}`;
      last = await h.click(user, lastAction);
    }
    return { last, lastAction };
  }

  const resultMessage = (replies: Reply[]): MessageReply => messages(replies).find((m) => m.title === 'Exam result')!;

  /** Checks the result against the content: score, pass mark, bars per skill, level verdicts, lessons to study. */
  function expectResult(replies: Reply[], session: Session, wrong: Set<string>) {
    const result = resultMessage(replies);
    expect(result).toBeDefined();
    const perSkill = h.content.skills.map((s) => {
      const ids = session.questionIds.filter((id) => questionById(h.content, id)!.skill === s.id);
      const correct = ids.filter((id) => !wrong.has(id)).length;
      return { skill: s, correct, total: ids.length, pct: pct(correct, ids.length) };
    });
    const scorePct = pct(session.questionIds.length - wrong.size, session.questionIds.length);
    const body = textOf([result]);
    expect(body).toContain(`${scorePct}%`);
    expect(body).toContain(scorePct >= EXAM_PASS_PCT ? 'passed' : 'not passed');
    if (scorePct >= EXAM_PASS_PCT) expect(body).not.toContain('not passed');

    const bars = result.blocks.find((b) => b.type === 'bars');
    expect(bars?.type === 'bars' && bars.bars).toEqual(perSkill.map((r) => ({ label: r.skill.name, value: r.correct, max: r.total })));

    const weakest = Math.min(...perSkill.map((r) => r.pct));
    for (const level of h.content.track.levels) {
      const line = body.split('\n').find((l) => l.includes(`**${level.name}**`))!;
      const ready = scorePct >= level.examBar.overall && weakest >= level.examBar.minSkill;
      expect(line, level.name).toMatch(ready ? /: ready$/ : /not yet/);
    }

    const toStudy = perSkill
      .filter((r) => r.pct < 100)
      .sort((a, b) => a.pct - b.pct || a.skill.id.localeCompare(b.skill.id))
      .slice(0, 3);
    const studyLines = body.split('\n').filter((l) => /^- .*\/lesson /.test(l));
    expect(studyLines.map((l) => l.split('/lesson ')[1])).toEqual(toStudy.map((r) => r.skill.lesson));
    return { scorePct, perSkill };
  }

  it('gives an overview with a start button before the first exam', async () => {
    const replies = await h.cmd('alice', '/exam');
    const total = h.content.skills.length * EXAM_QUESTIONS_PER_SKILL;
    expect(textOf(replies)).toContain(`${total} questions`);
    expect(textOf(replies)).toContain(`${EXAM_PASS_PCT}%`);
    expect(textOf(replies)).toContain('not taken it yet');
    const [start] = buttons(replies);
    expect((await rowCounts(h.db)).quiz_sessions).toBe(0);
    const started = await h.click('alice', start!.actionId);
    expect((await sessionOf(started)).kind).toBe('exam');
  });

  it('starts with 3 questions from each of the 13 skills, spread over difficulties and shuffled', async () => {
    const replies = await h.cmd('alice', '/exam start');
    const session = await sessionOf(replies);
    const questions = session.questionIds.map((id) => questionById(h.content, id)!);
    expect(questions).toHaveLength(h.content.skills.length * EXAM_QUESTIONS_PER_SKILL);
    expect(new Set(session.questionIds).size).toBe(questions.length);
    for (const skill of h.content.skills) {
      const mine = questions.filter((q) => q.skill === skill.id);
      expect(mine, skill.id).toHaveLength(EXAM_QUESTIONS_PER_SKILL);
      const available = new Set(h.content.questions.filter((q) => q.skill === skill.id).map((q) => q.difficulty));
      expect(new Set(mine.map((q) => q.difficulty)).size).toBe(Math.min(available.size, EXAM_QUESTIONS_PER_SKILL));
    }
    const grouped = h.content.skills.flatMap((s) => questions.filter((q) => q.skill === s.id).map((q) => q.skill));
    expect(questions.map((q) => q.skill)).not.toEqual(grouped);
    expect(textOf(replies)).toContain(`question 1 of ${questions.length}`);
    expect(textOf(replies)).toContain(questions[0]!.stem);
    const other = await sessionOf(await h.cmd('bob', '/exam start'));
    expect(other.questionIds).not.toEqual(session.questionIds);
  });

  it('reveals neither right/wrong, the answer, the explanation nor points during the exam', async () => {
    const session = await sessionOf(await h.cmd('alice', '/exam start'));
    for (const [i, correct] of [true, false].entries()) {
      const q = questionById(h.content, session.questionIds[i]!)!;
      const choice = correct ? q.answer : (q.answer + 1) % q.choices.length;
      const replies = await h.click('alice', `ans:${session.id}:${i}:${choice}`);
      const feedback = textOf([replies[0]!]);
      expect(feedback).not.toContain(q.explanation);
      expect(feedback).not.toMatch(/correct|not quite|points|✅|❌/i);
      expect(feedback).not.toContain(q.choices[q.answer]!);
      expect(textOf([replies[1]!])).toContain(`question ${i + 2} of ${session.questionIds.length}`);
    }
    expect(await h.store.listAnswers(session.id)).toHaveLength(2);
  });

  it('resumes at the first unanswered question, also from /exam and a second /exam start', async () => {
    const session = await sessionOf(await h.cmd('alice', '/exam start'));
    for (const i of [0, 1]) await h.click('alice', `ans:${session.id}:${i}:0`);
    const third = questionById(h.content, session.questionIds[2]!)!;
    for (const text of ['/exam resume', '/exam', '/exam start', '/EXAM   Resume ']) {
      const replies = await h.cmd('alice', text);
      expect(textOf(replies), text).toContain(`question 3 of ${session.questionIds.length}`);
      expect(textOf(replies), text).toContain(third.stem);
      expect((await sessionOf(replies)).id).toBe(session.id);
    }
    expect(textOf(await h.cmd('alice', '/exam start'))).toContain('already have an exam in progress');
    expect(await openExamRows('alice')).toHaveLength(1);
  });

  it('leaves exactly one open exam when two starts race', async () => {
    const [a, b] = await Promise.all([h.cmd('alice', '/exam start'), h.cmd('alice', '/exam start')]);
    expect(errorCode(a!)).toBeUndefined();
    expect(errorCode(b!)).toBeUndefined();
    expect((await sessionOf(a!)).id).toBe((await sessionOf(b!)).id);
    expect(await openExamRows('alice')).toHaveLength(1);
    expect((await rowCounts(h.db)).quiz_sessions).toBe(1);
    expect(h.errors).toEqual([]);
  });

  it('abandons the open exam; its buttons stop working and a new start is a new exam', async () => {
    const session = await sessionOf(await h.cmd('alice', '/exam start'));
    await h.click('alice', `ans:${session.id}:0:0`);
    expect(textOf(await h.cmd('alice', '/exam abandon'))).toContain('abandoned');
    expect((await h.store.getSession(session.id))!.status).toBe('abandoned');
    expect(await openExamRows('alice')).toHaveLength(0);
    expect(errorCode(await h.cmd('alice', '/exam resume'))).toBe('EXAM_NONE_OPEN');
    expect(errorCode(await h.cmd('alice', '/exam abandon'))).toBe('EXAM_NONE_OPEN');
    expect(errorCode(await h.click('alice', `ans:${session.id}:1:0`))).toBe('SESSION_CLOSED');
    expect(await h.store.listAnswers(session.id)).toHaveLength(1);
    const fresh = await sessionOf(await h.cmd('alice', '/exam start'));
    expect(fresh.id).not.toBe(session.id);
    expect((await rowCounts(h.db)).exam_attempts).toBe(0);
  });

  it.each([
    ['/exam resume', 'EXAM_NONE_OPEN'],
    ['/exam finish', 'EXAM_SUBCOMMAND'],
    ['/exam 3', 'EXAM_SUBCOMMAND'],
  ])('answers %s with %s and starts nothing', async (text, code) => {
    expect(errorCode(await h.cmd('alice', text))).toBe(code);
    expect((await rowCounts(h.db)).quiz_sessions).toBe(0);
  });

  it('a perfect exam passes, every level is ready, and a repeated last click stores one result', async () => {
    const session = await sessionOf(await h.cmd('alice', '/exam start'));
    const { last, lastAction } = await answerAll('alice', session, new Set());
    const { scorePct } = expectResult(last, session, new Set());
    expect(scorePct).toBe(100);
    expect(textOf(last)).toContain('perfect score');
    const stored = (await h.store.getExamResult(session.id))!;
    expect(stored).toMatchObject({ scorePct: 100, passed: true });
    expect(stored.bySkill).toHaveLength(h.content.skills.length);
    expect((await h.store.getSession(session.id))!.status).toBe('finished');

    const [again, twice] = await Promise.all([h.click('alice', lastAction), h.click('alice', lastAction)]);
    expect(textOf([resultMessage(again!)])).toBe(textOf([resultMessage(last)]));
    expect(textOf([resultMessage(twice!)])).toBe(textOf([resultMessage(last)]));
    expect((await rowCounts(h.db)).exam_attempts).toBe(1);
    expect(await openExamRows('alice')).toHaveLength(0);
    expect(textOf(await h.cmd('alice', '/exam'))).toContain('best so far: **100%**');
  });

  it('a high score with one failed skill passes but is not ready for any level and studies that skill first', async () => {
    const session = await sessionOf(await h.cmd('alice', '/exam start'));
    const weak = h.content.skills[2]!;
    const wrong = new Set(session.questionIds.filter((id) => questionById(h.content, id)!.skill === weak.id));
    const { last } = await answerAll('alice', session, wrong);
    const { scorePct, perSkill } = expectResult(last, session, wrong);
    expect(scorePct).toBeGreaterThanOrEqual(EXAM_PASS_PCT);
    expect(perSkill.find((r) => r.skill.id === weak.id)!.pct).toBe(0);
    expect(textOf(last)).not.toMatch(/: ready/);
    expect(textOf(last)).toContain(`/lesson ${weak.lesson}`);
    expect((await h.store.getExamResult(session.id))!.passed).toBe(true);
  });

  it('passes with the fewest correct answers that reach the pass mark, and not with one fewer', async () => {
    const session = await sessionOf(await h.cmd('alice', '/exam start'));
    // Miss one question per skill, skill by skill, so exactly PASS_MIN answers are right.
    const missCount = session.questionIds.length - PASS_MIN;
    const firstOf = (skill: string) => session.questionIds.find((id) => questionById(h.content, id)!.skill === skill)!;
    const wrong = new Set(h.content.skills.slice(0, missCount).map((s) => firstOf(s.id)));
    expect(wrong.size).toBe(missCount);
    const { last } = await answerAll('alice', session, wrong);
    const { scorePct } = expectResult(last, session, wrong);
    expect(scorePct).toBeGreaterThanOrEqual(EXAM_PASS_PCT);
    expect((await h.store.getExamResult(session.id))!).toMatchObject({ scorePct, passed: true });

    // The same exam with one more miss (same scoring function, no second run through the bot).
    const answers = await h.store.listAnswers(session.id);
    const flip = firstOf(h.content.skills[missCount]!.id);
    const ctx = { deps: { content: h.content }, now: h.clock.now() } as unknown as Ctx;
    const worse = computeExamResult(ctx, session, answers.map((a) => (a.questionId === flip ? { ...a, correct: false } : a)));
    expect(worse.scorePct).toBe(pct(PASS_MIN - 1, session.questionIds.length));
    expect(worse.scorePct).toBeLessThan(EXAM_PASS_PCT);
    expect(worse.passed).toBe(false);
  });
});
