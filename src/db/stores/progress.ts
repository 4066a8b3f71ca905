import { and, asc, count, eq, inArray, max, sql } from 'drizzle-orm';
import type { Goal, InterviewAnswer, Store } from '../../core/ports.js';
import type { Db } from '../client.js';
import { rowsOf } from '../rows.js';
import { activityDays, dailyPicks, interviewAnswers, lessonProgress, members, weeklyGoals } from '../schema.js';
import { awardCtes, groupZoneLocked } from './awards.js';

type ProgressStore = Pick<
  Store,
  | 'markLessonDone'
  | 'lessonsDone'
  | 'dailyPick'
  | 'recordInterviewAnswer'
  | 'getInterviewAnswer'
  | 'listGoals'
  | 'addGoal'
  | 'setGoalDone'
  | 'deleteGoals'
>;

type GoalRow = typeof weeklyGoals.$inferSelect;
const toGoal = (r: GoalRow): Goal => ({ id: r.id, week: r.week, text: r.text, doneAt: r.doneAt, createdAt: r.createdAt });
type InterviewRow = typeof interviewAnswers.$inferSelect;
const toInterview = (r: InterviewRow): InterviewAnswer => ({ ...r });

/** How often a daily pick is retried when another replica picks the same item at the same moment. */
const PICK_ATTEMPTS = 5;

/** The one answer a member gives a prompt in a group on a day. */
const interviewKey = (memberId: number, groupId: number, day: string, promptId: string) =>
  and(eq(interviewAnswers.memberId, memberId), eq(interviewAnswers.groupId, groupId), eq(interviewAnswers.day, day), eq(interviewAnswers.promptId, promptId));

export function progressStore(db: Db): ProgressStore {
  return {
    async markLessonDone(memberId, lessonId, at, localDay) {
      return db.transaction(async (tx) => {
        const rows = await tx.insert(lessonProgress).values({ memberId, lessonId, doneAt: at }).onConflictDoNothing().returning();
        await tx.insert(activityDays).values({ memberId, day: localDay }).onConflictDoNothing();
        return rows.length > 0;
      });
    },

    async lessonsDone(memberId) {
      const rows = await db.select({ id: lessonProgress.lessonId }).from(lessonProgress).where(eq(lessonProgress.memberId, memberId));
      return rows.map((r) => r.id);
    },

    async dailyPick(groupId, kind, day, pool, choose) {
      const key = and(eq(dailyPicks.groupId, groupId), eq(dailyPicks.kind, kind));
      for (let attempt = 0; attempt < PICK_ATTEMPTS; attempt++) {
        const [existing] = await db.select({ itemId: dailyPicks.itemId }).from(dailyPicks).where(and(key, eq(dailyPicks.day, day)));
        if (existing) return existing.itemId;
        // The current cycle and the items already used in it, in one query.
        const current = db.select({ cycle: max(dailyPicks.cycle) }).from(dailyPicks).where(key);
        const usedRows = await db.select({ cycle: dailyPicks.cycle, itemId: dailyPicks.itemId }).from(dailyPicks).where(and(key, eq(dailyPicks.cycle, current)));
        let cycle = usedRows[0]?.cycle ?? 0;
        const used = new Set(usedRows.map((r) => r.itemId));
        let candidates = pool.filter((id) => !used.has(id));
        if (candidates.length === 0) {
          cycle += 1;
          candidates = pool;
        }
        const [picked] = await db.insert(dailyPicks).values({ groupId, kind, day, itemId: choose(candidates), cycle }).onConflictDoNothing().returning({ itemId: dailyPicks.itemId });
        // Another replica picked for this day (or took this item) at the same moment: read again.
        if (picked) return picked.itemId;
      }
      throw new Error(`could not pick a ${kind} for group ${groupId} on ${day}`);
    },

    async recordInterviewAnswer(answer, localDay) {
      return db.transaction(async (tx) => {
        const inserted = await tx.insert(interviewAnswers).values(answer).onConflictDoNothing().returning();
        if (!inserted[0]) {
          const [existing] = await tx
            .select()
            .from(interviewAnswers)
            .where(interviewKey(answer.memberId, answer.groupId, answer.day, answer.promptId));
          return { answer: toInterview(existing!), recorded: false };
        }
        if (answer.points > 0) {
          const [zone] = await rowsOf<{ zone: string }>(tx, sql`select ${groupZoneLocked(answer.groupId)} as zone`);
          const award = {
            memberId: answer.memberId,
            groupId: answer.groupId,
            at: answer.answeredAt,
            zone: zone?.zone ?? 'UTC',
            primary: { source: 'interview', sourceKey: `interview:${answer.memberId}:${answer.groupId}:${answer.day}:${answer.promptId}`, points: answer.points },
          };
          await tx.execute(sql`with ${awardCtes(award)} select points from awarded`);
        }
        await tx.insert(activityDays).values({ memberId: answer.memberId, day: localDay }).onConflictDoNothing();
        return { answer: toInterview(inserted[0]), recorded: true };
      });
    },

    async getInterviewAnswer(memberId, groupId, promptId, day) {
      const [row] = await db
        .select()
        .from(interviewAnswers)
        .where(interviewKey(memberId, groupId, day, promptId));
      return row ? toInterview(row) : undefined;
    },

    async listGoals(memberId, week) {
      const rows = await db
        .select()
        .from(weeklyGoals)
        .where(and(eq(weeklyGoals.memberId, memberId), eq(weeklyGoals.week, week)))
        .orderBy(asc(weeklyGoals.createdAt), asc(weeklyGoals.id));
      return rows.map(toGoal);
    },

    async addGoal(memberId, week, text, at, localDay, limit) {
      return db.transaction(async (tx) => {
        // Lock the member so two concurrent `/goal set` cannot both pass the limit check.
        await tx.select({ id: members.id }).from(members).where(eq(members.id, memberId)).for('update');
        const key = and(eq(weeklyGoals.memberId, memberId), eq(weeklyGoals.week, week));
        const [dupe] = await tx.select().from(weeklyGoals).where(and(key, eq(weeklyGoals.text, text)));
        if (dupe) return { goal: toGoal(dupe), full: false, duplicate: true };
        const [n] = await tx.select({ n: count() }).from(weeklyGoals).where(key);
        if ((n?.n ?? 0) >= limit) return { full: true, duplicate: false };
        const [row] = await tx.insert(weeklyGoals).values({ memberId, week, text, createdAt: at }).returning();
        await tx.insert(activityDays).values({ memberId, day: localDay }).onConflictDoNothing();
        return { goal: toGoal(row!), full: false, duplicate: false };
      });
    },

    async setGoalDone(goalId, at, localDay) {
      await db.transaction(async (tx) => {
        const [row] = await tx.update(weeklyGoals).set({ doneAt: at }).where(eq(weeklyGoals.id, goalId)).returning();
        if (row && at) await tx.insert(activityDays).values({ memberId: row.memberId, day: localDay }).onConflictDoNothing();
      });
    },

    async deleteGoals(goalIds) {
      if (goalIds.length > 0) await db.delete(weeklyGoals).where(inArray(weeklyGoals.id, goalIds));
    },
  };
}
