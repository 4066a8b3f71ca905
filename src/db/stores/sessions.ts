import { and, asc, desc, eq, lte, min, sql } from 'drizzle-orm';
import type { Answer, ExamResult, ReviewCard, Session, SessionKind, SessionStatus, Store } from '../../core/ports.js';
import { batchedLookup } from '../batch.js';
import type { Db } from '../client.js';
import { answers, examAttempts, quizSessions, reviewCards } from '../schema.js';

type SessionStore = Pick<
  Store,
  | 'createSession'
  | 'getSession'
  | 'openExam'
  | 'setSessionStatus'
  | 'listAnswers'
  | 'saveExamResult'
  | 'bestExam'
  | 'getExamResult'
  | 'dueCards'
  | 'nextDue'
  | 'seenQuestions'
>;

/** A session id as Postgres prints a uuid: anything else would fail the whole batch's ::uuid[] cast. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type SessionRow = typeof quizSessions.$inferSelect;
export type CardRow = typeof reviewCards.$inferSelect;
type AnswerRow = typeof answers.$inferSelect;

export const toSession = (r: SessionRow): Session => ({
  id: r.id,
  memberId: r.memberId,
  groupId: r.groupId,
  kind: r.kind as SessionKind,
  questionIds: r.questionIds,
  status: r.status as SessionStatus,
  createdAt: r.createdAt,
  finishedAt: r.finishedAt,
});

export const toAnswer = (r: AnswerRow): Answer => ({
  sessionId: r.sessionId,
  questionId: r.questionId,
  choice: r.choice,
  correct: r.correct,
  points: r.points,
  answeredAt: r.answeredAt,
});

export const toCard = (r: CardRow): ReviewCard => ({
  due: r.due,
  stability: r.stability,
  difficulty: r.difficulty,
  elapsed_days: r.elapsedDays,
  scheduled_days: r.scheduledDays,
  learning_steps: r.learningSteps,
  reps: r.reps,
  lapses: r.lapses,
  state: r.state,
  ...(r.lastReview ? { last_review: r.lastReview } : {}),
});

export const fromCard = (c: ReviewCard) => ({
  due: c.due,
  stability: c.stability,
  difficulty: c.difficulty,
  elapsedDays: c.elapsed_days,
  scheduledDays: c.scheduled_days,
  learningSteps: c.learning_steps,
  reps: c.reps,
  lapses: c.lapses,
  state: c.state,
  lastReview: c.last_review ?? null,
});

type ExamRow = typeof examAttempts.$inferSelect;
const toExam = (r: ExamRow): ExamResult => ({
  sessionId: r.sessionId,
  memberId: r.memberId,
  scorePct: r.scorePct,
  passed: r.passed,
  bySkill: r.bySkill,
  finishedAt: r.finishedAt,
});

export function sessionStore(db: Db): SessionStore {
  // Every answer reads these two: prepared once per connection, and concurrent reads go out together.
  const sessionsByIds = db.select().from(quizSessions).where(sql`${quizSessions.id} = any(${sql.placeholder('ids')}::uuid[])`).prepare('sessions_by_ids');
  const answersOfSessions = db
    .select()
    .from(answers)
    .where(sql`${answers.sessionId} = any(${sql.placeholder('ids')}::uuid[])`)
    .orderBy(asc(answers.answeredAt))
    .prepare('answers_of_sessions');
  const sessionById = batchedLookup(
    async (ids: string[]) => new Map((await sessionsByIds.execute({ ids })).map((row) => [row.id, toSession(row)])),
    (id) => id,
  );
  const answersOf = batchedLookup(async (ids: string[]) => {
    const bySession = new Map<string, Answer[]>();
    for (const row of await answersOfSessions.execute({ ids })) {
      const list = bySession.get(row.sessionId) ?? [];
      list.push(toAnswer(row));
      bySession.set(row.sessionId, list);
    }
    return bySession;
  }, (id) => id);

  return {
    async createSession(input) {
      const [row] = await db.insert(quizSessions).values(input).returning();
      return toSession(row!);
    },

    async getSession(id) {
      if (!UUID.test(id)) return undefined;
      return sessionById(id.toLowerCase());
    },

    async openExam(memberId) {
      const [row] = await db
        .select()
        .from(quizSessions)
        .where(and(eq(quizSessions.memberId, memberId), eq(quizSessions.kind, 'exam'), eq(quizSessions.status, 'open')));
      return row ? toSession(row) : undefined;
    },

    async setSessionStatus(id, status, at) {
      await db
        .update(quizSessions)
        .set({ status, finishedAt: status === 'open' ? null : at })
        .where(and(eq(quizSessions.id, id), eq(quizSessions.status, 'open')));
    },

    async listAnswers(sessionId) {
      if (!UUID.test(sessionId)) return [];
      return (await answersOf(sessionId.toLowerCase())) ?? [];
    },

    async saveExamResult(result) {
      await db.transaction(async (tx) => {
        await tx.insert(examAttempts).values(result).onConflictDoNothing();
        await tx
          .update(quizSessions)
          .set({ status: 'finished', finishedAt: result.finishedAt })
          .where(and(eq(quizSessions.id, result.sessionId), eq(quizSessions.status, 'open')));
      });
    },

    async bestExam(memberId) {
      const [row] = await db
        .select()
        .from(examAttempts)
        .where(eq(examAttempts.memberId, memberId))
        .orderBy(desc(examAttempts.scorePct), asc(examAttempts.finishedAt))
        .limit(1);
      return row ? toExam(row) : undefined;
    },

    async getExamResult(sessionId) {
      const [row] = await db.select().from(examAttempts).where(eq(examAttempts.sessionId, sessionId));
      return row ? toExam(row) : undefined;
    },

    async dueCards(memberId, now, limit) {
      return db
        .select({ questionId: reviewCards.questionId, due: reviewCards.due })
        .from(reviewCards)
        .where(and(eq(reviewCards.memberId, memberId), lte(reviewCards.due, now)))
        .orderBy(asc(reviewCards.due), asc(reviewCards.questionId))
        .limit(limit);
    },

    async seenQuestions(memberId) {
      const rows = await db.select({ id: reviewCards.questionId }).from(reviewCards).where(eq(reviewCards.memberId, memberId));
      return rows.map((r) => r.id);
    },

    async nextDue(memberId) {
      const [row] = await db.select({ due: min(reviewCards.due) }).from(reviewCards).where(eq(reviewCards.memberId, memberId));
      return row?.due ?? undefined;
    },
  };
}
