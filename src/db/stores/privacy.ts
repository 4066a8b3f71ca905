import { asc, eq } from 'drizzle-orm';
import type { Member, Store } from '../../core/ports.js';
import type { Db } from '../client.js';
import {
  activityDays,
  answers,
  drillAnswers,
  examAttempts,
  interviewAnswers,
  lessonProgress,
  members,
  quizSessions,
  reviewCards,
  scoreEvents,
  weeklyGoals,
  workspaces,
} from '../schema.js';
import { toAnswer, toCard, toSession } from './sessions.js';

type PrivacyStore = Pick<Store, 'exportMember' | 'forgetMember'>;

export function privacyStore(db: Db): PrivacyStore {
  return {
    async exportMember(memberId) {
      const [row] = await db.select().from(members).innerJoin(workspaces, eq(workspaces.id, members.workspaceId)).where(eq(members.id, memberId));
      const m = row?.members;
      const ws = row?.workspaces;
      if (!m || !ws) throw new Error(`member ${memberId} not found`);
      const byMember = <T extends { memberId: unknown }>(t: T) => eq(t.memberId as never, memberId);
      const [sessions, answerRows, exams, cards, lessons, interviews, drills, goals, events, days] = await Promise.all([
        db.select().from(quizSessions).where(byMember(quizSessions)).orderBy(asc(quizSessions.createdAt)),
        db.select().from(answers).where(byMember(answers)).orderBy(asc(answers.answeredAt)),
        db.select().from(examAttempts).where(byMember(examAttempts)).orderBy(asc(examAttempts.finishedAt)),
        db.select().from(reviewCards).where(byMember(reviewCards)).orderBy(asc(reviewCards.questionId)),
        db.select().from(lessonProgress).where(byMember(lessonProgress)).orderBy(asc(lessonProgress.doneAt)),
        db.select().from(interviewAnswers).where(byMember(interviewAnswers)).orderBy(asc(interviewAnswers.answeredAt)),
        db.select().from(drillAnswers).where(byMember(drillAnswers)).orderBy(asc(drillAnswers.answeredAt)),
        db.select().from(weeklyGoals).where(byMember(weeklyGoals)).orderBy(asc(weeklyGoals.id)),
        db.select().from(scoreEvents).where(byMember(scoreEvents)).orderBy(asc(scoreEvents.id)),
        db.select().from(activityDays).where(byMember(activityDays)).orderBy(asc(activityDays.day)),
      ]);
      return {
        member: {
          id: m.id,
          platform: ws.platform as Member['platform'],
          workspaceId: ws.externalId,
          userId: m.userId,
          displayName: m.displayName,
          timezone: m.timezone,
          hidden: m.hidden,
          createdAt: m.createdAt,
        },
        sessions: sessions.map(toSession),
        answers: answerRows.map(toAnswer),
        examResults: exams,
        reviewCards: cards.map((c) => ({ questionId: c.questionId, ...toCard(c) })),
        lessonsDone: lessons.map((l) => ({ lessonId: l.lessonId, doneAt: l.doneAt })),
        interviewAnswers: interviews,
        drillAnswers: drills.map(({ memberId: _member, ...d }) => d),
        goals: goals.map((g) => ({ id: g.id, week: g.week, text: g.text, doneAt: g.doneAt, createdAt: g.createdAt })),
        scoreEvents: events.map((e) => ({ source: e.source, points: e.points, at: e.at, groupId: e.groupId })),
        activityDays: days.map((d) => d.day),
      };
    },

    async forgetMember(memberId) {
      // Every personal table references members with ON DELETE CASCADE.
      await db.delete(members).where(eq(members.id, memberId));
    },
  };
}
