import { sql } from 'drizzle-orm';
import type { Content } from '../../src/core/content/loader.js';
import type { Difficulty } from '../../src/core/content/schema.js';
import type { AnswerInput, ReviewCard, Session, SessionKind } from '../../src/core/ports.js';
import { nextReviewCard } from '../../src/core/review/card.js';
import { POINTS } from '../../src/core/scoring.js';
import type { Database } from '../../src/db/client.js';
import { actor, type Harness } from '../support/harness.js';

/** Small builders for store tests: real members, groups, sessions and answers written through the Store port. */
export function storeKit(h: Harness) {
  const member = (name: string, workspace = 'T1') => h.store.ensureMember(actor(name, workspace));
  const group = (channel = 'C1') => h.store.ensureGroup('console', 'T1', channel);

  async function session(memberId: number, groupId: number, questionIds: string[], kind: SessionKind = 'quiz'): Promise<Session> {
    return h.store.createSession({ memberId, groupId, kind, questionIds, createdAt: h.clock.now() });
  }

  /** The input the quiz flow would pass for this answer, points taken from the scoring rules. */
  function answer(s: Session, questionId: string, opts: { correct?: boolean; at?: Date; nextCard?: AnswerInput['nextCard'] } = {}): AnswerInput {
    const q = h.content.questions.find((x) => x.id === questionId)!;
    const correct = opts.correct ?? true;
    const at = opts.at ?? h.clock.now();
    return {
      session: s,
      questionId,
      skill: q.skill,
      choice: correct ? q.answer : (q.answer + 1) % q.choices.length,
      correct,
      answeredAt: at,
      localDay: at.toISOString().slice(0, 10),
      firstCorrectPoints: POINTS.firstCorrect[q.difficulty],
      practicePoints: POINTS.practiceCorrect,
      nextCard: opts.nextCard ?? ((current: ReviewCard | undefined) => nextReviewCard(current, correct, at)),
    };
  }

  return { member, group, session, answer };
}

/** The ids of the first `n` questions of a difficulty in the real content. */
export function questionIds(content: Content, difficulty: Difficulty, n = 1): string[] {
  const ids = content.questions.filter((q) => q.difficulty === difficulty).map((q) => q.id);
  if (ids.length < n) throw new Error(`only ${ids.length} ${difficulty} questions`);
  return ids.slice(0, n);
}

/** Rows of `table` that belong to a member (`members` by id, the rest by member_id). */
export async function memberRows(database: Database, table: string, memberId: number): Promise<number> {
  const column = table === 'members' ? 'id' : 'member_id';
  const result = await database.db.execute(sql.raw(`select count(*)::int as n from ${table} where ${column} = ${Number(memberId)}`));
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[];
  return Number(rows[0]?.n ?? 0);
}
