import { questionById } from '../../src/core/content/index.js';
import type { Difficulty, Question } from '../../src/core/content/schema.js';
import type { SessionKind } from '../../src/core/ports.js';
import type { Reply } from '../../src/core/types.js';
import { actor, type Harness } from './harness.js';

/** The `nth` question of the real content that matches (by skill and/or difficulty). */
export function questionWhere(h: Harness, where: { skill?: string; difficulty?: Difficulty }, nth = 0): Question {
  const found = h.content.questions.filter((q) => (!where.skill || q.skill === where.skill) && (!where.difficulty || q.difficulty === where.difficulty));
  const q = found[nth];
  if (!q) throw new Error(`no question #${nth} with ${JSON.stringify(where)}`);
  return q;
}

/**
 * Answers one chosen question through the real answer flow: a one-question session of `kind` is
 * created in the store (so the test picks the question, and with it the points), then the member
 * clicks the right or a wrong choice. Returns the replies of the click.
 */
export async function answerQuestion(
  h: Harness,
  user: string,
  questionId: string,
  correct: boolean,
  opts: { channel?: string; kind?: SessionKind } = {},
): Promise<Reply[]> {
  const channel = opts.channel ?? 'C1';
  const member = await h.store.ensureMember(actor(user));
  const group = await h.store.ensureGroup('console', 'T1', channel);
  const session = await h.store.createSession({ memberId: member.id, groupId: group.id, kind: opts.kind ?? 'quiz', questionIds: [questionId], createdAt: h.clock.now() });
  const q = questionById(h.content, questionId)!;
  const choice = correct ? q.answer : (q.answer + 1) % q.choices.length;
  return h.click(user, `ans:${session.id}:0:${choice}`, channel);
}
