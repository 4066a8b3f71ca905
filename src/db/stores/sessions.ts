import { and, asc, desc, eq, lte, min, sql } from 'drizzle-orm';
import type { Answer, ExamResult, ReviewCard, Session, SessionKind, SessionStatus, Store } from '../../core/ports.js';
import type { Db } from '../client.js';
import { rowsOf } from '../rows.js';
import { answers, examAttempts, quizSessions, reviewCards } from '../schema.js';
import { awardCtes, groupZoneLocked } from './awards.js';

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
  // Every answer reads these two: built once, prepared on each connection.
  const sessionById = db.select().from(quizSessions).where(eq(quizSessions.id, sql.placeholder('id'))).prepare('session_by_id');
  const answersOfSession = db.select().from(answers).where(eq(answers.sessionId, sql.placeholder('sessionId'))).orderBy(asc(answers.answeredAt)).prepare('answers_of_session');

  return {
    async createSession(input) {
      const [row] = await db.insert(quizSessions).values(input).returning();
      return toSession(row!);
    },

    async getSession(id) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
      const [row] = await sessionById.execute({ id });
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
      const rows = await answersOfSession.execute({ sessionId });
      return rows.map(toAnswer);
    },

    async recordAnswer(input) {
      const { session } = input;
      const { memberId, groupId } = session;
      return db.transaction(async (tx) => {
        // One statement: the answer (once per session and question), the member's card for this
        // question locked for the update below, and, for points, the group's zone (see awards.ts).
        const [first] = await rowsOf<CardRow & { inserted: number; zone: string | null }>(
          tx,
          sql`with ins as (
              insert into answers (session_id, question_id, member_id, skill, choice, correct, points, answered_at)
              values (${session.id}::uuid, ${input.questionId}, ${memberId}, ${input.skill}, ${input.choice}, ${input.correct}, 0, ${input.answeredAt.toISOString()}::timestamptz)
              on conflict do nothing returning 1),
            card as (select * from review_cards where member_id = ${memberId} and question_id = ${input.questionId} for update)
            select (select count(*) from ins)::int as inserted, ${input.correct ? groupZoneLocked(groupId) : sql`null::text`} as zone,
              card.due, card.stability, card.difficulty, card.elapsed_days as "elapsedDays", card.scheduled_days as "scheduledDays",
              card.learning_steps as "learningSteps", card.reps, card.lapses, card.state, card.last_review as "lastReview"
            from (select 1) one left join card on true`,
        );
        if (!first?.inserted) {
          const [existing] = await tx
            .select()
            .from(answers)
            .where(and(eq(answers.sessionId, session.id), eq(answers.questionId, input.questionId)));
          return { answer: toAnswer(existing!), recorded: false };
        }

        const current = first.due === null ? undefined : toCard({ ...first, due: new Date(first.due), lastReview: first.lastReview === null ? null : new Date(first.lastReview) });
        const next = input.nextCard(current);
        const award = input.correct
          ? {
              memberId,
              groupId,
              at: input.answeredAt,
              zone: first.zone ?? 'UTC',
              primary: { source: 'first-correct', sourceKey: `first:${memberId}:${input.questionId}`, points: input.firstCorrectPoints },
              fallback: { source: 'practice', sourceKey: `answer:${session.id}:${input.questionId}`, points: input.practicePoints },
            }
          : undefined;
        // One statement: the points (ledger and leaderboard totals), the answer's points, the next card, the day's activity.
        const [result] = await rowsOf<{ points: number }>(
          tx,
          sql`with ${awardCtes(award)},
            scored as (
              update answers set points = (select points from awarded)
              where session_id = ${session.id}::uuid and question_id = ${input.questionId} and (select points from awarded) > 0),
            card as (
              insert into review_cards (member_id, question_id, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review)
              values (${memberId}, ${input.questionId}, ${next.due.toISOString()}::timestamptz, ${next.stability}, ${next.difficulty}, ${next.elapsed_days},
                ${next.scheduled_days}, ${next.learning_steps}, ${next.reps}, ${next.lapses}, ${next.state}, ${next.last_review?.toISOString() ?? null}::timestamptz)
              on conflict (member_id, question_id) do update set due = excluded.due, stability = excluded.stability, difficulty = excluded.difficulty,
                elapsed_days = excluded.elapsed_days, scheduled_days = excluded.scheduled_days, learning_steps = excluded.learning_steps,
                reps = excluded.reps, lapses = excluded.lapses, state = excluded.state, last_review = excluded.last_review),
            active as (insert into activity_days (member_id, day) values (${memberId}, ${input.localDay}::date) on conflict do nothing)
            select points from awarded`,
        );
        const points = result?.points ?? 0;
        const answer: Answer = { sessionId: session.id, questionId: input.questionId, choice: input.choice, correct: input.correct, points, answeredAt: input.answeredAt };
        return { answer, recorded: true };
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
