import { describe, expect, it } from 'vitest';
import { questionById } from '../../src/core/content/index.js';
import { POINTS } from '../../src/core/scoring.js';
import { rowCounts, TARGETS } from '../support/databases.js';
import { buttons, errorCode, textOf, useHarness } from '../support/harness.js';

describe.each(TARGETS)('quiz on %s', (target) => {
  const h = useHarness(target);

  /** The button that answers the shown question correctly (or wrongly). */
  function choice(replies: Awaited<ReturnType<typeof h.cmd>>, correct: boolean) {
    const bs = buttons(replies);
    const [, sessionId, index] = bs[0]!.actionId.split(':');
    return { sessionId: sessionId!, index: Number(index), pick: (questionId: string) => {
      const q = questionById(h.content, questionId)!;
      const c = correct ? q.answer : (q.answer + 1) % q.choices.length;
      return bs.find((b) => b.actionId.endsWith(`:${c}`))!.actionId;
    } };
  }

  it('asks the requested number of questions, scores by difficulty and ends with a summary', async () => {
    let replies = await h.cmd('alice', '/quiz 3');
    expect(textOf(replies)).toContain('question 1 of 3');
    let expected = 0;
    for (let i = 0; i < 3; i++) {
      const { sessionId, pick } = choice(replies, i !== 1);
      const session = (await h.store.getSession(sessionId))!;
      const q = questionById(h.content, session.questionIds[i]!)!;
      replies = await h.click('alice', pick(q.id));
      if (i !== 1) expected += POINTS.firstCorrect[q.difficulty];
      expect(textOf(replies)).toContain(q.explanation.slice(0, 40));
    }
    expect(textOf(replies)).toContain('2 of 3 correct');
    expect(textOf(replies)).toContain(`+${expected} points`);
    expect(await h.store.totalPoints((await h.store.ensureMember({ platform: 'console', workspaceId: 'T1', userId: 'alice', displayName: 'alice' })).id)).toBe(expected);
  });

  it('records a double click once and replies the same both times', async () => {
    const replies = await h.cmd('alice', 'quiz 2');
    const { sessionId, pick } = choice(replies, true);
    const session = (await h.store.getSession(sessionId))!;
    const action = pick(session.questionIds[0]!);
    const [first, second] = await Promise.all([h.click('alice', action), h.click('alice', action)]);
    expect(textOf(second!)).toBe(textOf(first!));
    const again = await h.click('alice', action);
    expect(textOf(again)).toBe(textOf(first!));
    expect(await h.store.listAnswers(sessionId)).toHaveLength(1);
    expect((await rowCounts(h.db)).score_events).toBe(1);
  });

  it('gives practice points, not full points, for a question already answered right', async () => {
    const first = await h.cmd('alice', '/quiz 1');
    const one = choice(first, true);
    const qid = (await h.store.getSession(one.sessionId))!.questionIds[0]!;
    await h.click('alice', one.pick(qid));
    const q = questionById(h.content, qid)!;
    const [, skill] = [0, q.skill];
    // Keep asking single questions on that skill until the same question comes round again.
    for (let round = 0; round < 40; round++) {
      const replies = await h.cmd('alice', `/quiz ${skill} 1`);
      const c = choice(replies, true);
      const id = (await h.store.getSession(c.sessionId))!.questionIds[0]!;
      const after = await h.click('alice', c.pick(id));
      if (id === qid) {
        expect(textOf(after)).toContain(`+${POINTS.practiceCorrect} points`);
        return;
      }
    }
    throw new Error('the question never came round again');
  });

  it('refuses another member’s buttons and records nothing', async () => {
    const replies = await h.cmd('alice', '/quiz 1');
    const action = buttons(replies)[0]!.actionId;
    const stolen = await h.click('bob', action);
    expect(errorCode(stolen)).toBe('NOT_YOUR_SESSION');
    expect((await rowCounts(h.db)).answers).toBe(0);
  });

  it('accepts a skill by fuzzy name in any case with extra spaces', async () => {
    const replies = await h.cmd('alice', '  /QUIZ   Kubernetes   2 ');
    expect(textOf(replies)).toContain('Kubernetes for ML Workloads');
    expect(textOf(replies)).toContain('question 1 of 2');
    expect(textOf(await h.cmd('alice', '/study quiz k8s 1'))).toContain('question 1 of 1');
  });

  it.each([
    ['/quiz 0', 'QUIZ_COUNT_RANGE'],
    ['/quiz 21', 'QUIZ_COUNT_RANGE'],
    ['/quiz -3', 'QUIZ_COUNT_RANGE'],
    ['/quiz astrology 3', 'SKILL_UNKNOWN'],
    ['/quiz o', 'SKILL_AMBIGUOUS'],
  ])('rejects %s with %s and records nothing', async (text, code) => {
    const replies = await h.cmd('alice', text);
    expect(errorCode(replies)).toBe(code);
    expect((await rowCounts(h.db)).quiz_sessions).toBe(0);
  });

  it.each(['ans:not-a-session:0:0', 'ans:00000000-0000-0000-0000-000000000000:0:0', 'ans', 'zzz:1'])('answers a forged action %s with a clear error', async (actionId) => {
    const replies = await h.click('alice', actionId);
    expect(errorCode(replies)).toMatch(/SESSION_NOT_FOUND|ACTION_UNKNOWN/);
    expect(h.errors).toEqual([]);
  });

  it('rejects an out-of-range choice or question index on a real session', async () => {
    const replies = await h.cmd('alice', '/quiz 1');
    const [, sessionId] = buttons(replies)[0]!.actionId.split(':');
    expect(errorCode(await h.click('alice', `ans:${sessionId}:0:9`))).toBe('ACTION_INVALID');
    expect(errorCode(await h.click('alice', `ans:${sessionId}:5:0`))).toBe('ACTION_INVALID');
    expect((await rowCounts(h.db)).answers).toBe(0);
  });
});
