import { and, asc, desc, eq, lte, min } from 'drizzle-orm';
import type { Answer, ExamResult, ReviewCard, Session, SessionKind, SessionStatus, Store } from '../../core/ports.js';
import type { Db } from '../client.js';
import { activityDays, answers, examAttempts, quizSessions, reviewCards, scoreEvents } from '../schema.js';

type SessionStore = Pick<
  Store,
  | 'createSession'
  | 'getSession'
  | 'openExam'
  | 'setSessionStatus'
  | 'listAnswers'
  | 'recordAnswer'
  | 'saveExamResult'
  | 'bestExam'
  | 'getExamResult'
  | 'dueCards'
  | 'nextDue'
  | 'seenQuestions'
>;

type SessionRow = typeof quizSessions.$inferSelect;
type CardRow = typeof reviewCards.$inferSelect;
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

const fromCard = (c: ReviewCard) => ({
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
  return {
    async createSession(input) {
      const [row] = await db.insert(quizSessions).values(input).returning();
      return toSession(row!);
    },

    async getSession(id) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
      const [row] = await db.select().from(quizSessions).where(eq(quizSessions.id, id));
      return row ? toSession(row) : undefined;
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
      const rows = await db.select().from(answers).where(eq(answers.sessionId, sessionId)).orderBy(asc(answers.answeredAt));
      return rows.map(toAnswer);
    },

    async recordAnswer(input) {
      const { session } = input;
      return db.transaction(async (tx) => {
        const inserted = await tx
          .insert(answers)
          .values({
            sessionId: session.id,
            questionId: input.questionId,
            memberId: session.memberId,
            skill: input.skill,
            choice: input.choice,
            correct: input.correct,
            points: 0,
            answeredAt: input.answeredAt,
          })
          .onConflictDoNothing()
          .returning();
        if (!inserted[0]) {
          const [existing] = await tx
            .select()
            .from(answers)
            .where(and(eq(answers.sessionId, session.id), eq(answers.questionId, input.questionId)));
          return { answer: toAnswer(existing!), recorded: false };
        }

        let points = 0;
        if (input.correct) {
          const event = { memberId: session.memberId, groupId: session.groupId, at: input.answeredAt };
          const first = await tx
            .insert(scoreEvents)
            .values({ ...event, source: 'first-correct', sourceKey: `first:${session.memberId}:${input.questionId}`, points: input.firstCorrectPoints })
            .onConflictDoNothing()
            .returning({ points: scoreEvents.points });
          if (first[0]) {
            points = first[0].points;
          } else if (input.practicePoints > 0) {
            await tx
              .insert(scoreEvents)
              .values({ ...event, source: 'practice', sourceKey: `answer:${session.id}:${input.questionId}`, points: input.practicePoints });
            points = input.practicePoints;
          }
          if (points > 0) {
            await tx.update(answers).set({ points }).where(and(eq(answers.sessionId, session.id), eq(answers.questionId, input.questionId)));
          }
        }

        const cardKey = and(eq(reviewCards.memberId, session.memberId), eq(reviewCards.questionId, input.questionId));
        const [current] = await tx.select().from(reviewCards).where(cardKey).for('update');
        const next = fromCard(input.nextCard(current ? toCard(current) : undefined));
        await tx
          .insert(reviewCards)
          .values({ memberId: session.memberId, questionId: input.questionId, ...next })
          .onConflictDoUpdate({ target: [reviewCards.memberId, reviewCards.questionId], set: next });
        await tx.insert(activityDays).values({ memberId: session.memberId, day: input.localDay }).onConflictDoNothing();
        return { answer: { ...toAnswer(inserted[0]), points }, recorded: true };
      });
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
