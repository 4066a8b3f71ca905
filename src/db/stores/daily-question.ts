import { and, count, desc, eq } from 'drizzle-orm';
import type { DailyQuestionStore, DrillAnswer } from '../../core/ports.js';
import type { Db } from '../client.js';
import { activityDays, dailyPicks, drillAnswers, scoreEvents } from '../schema.js';

type DrillRow = typeof drillAnswers.$inferSelect;
const toDrillAnswer = (r: DrillRow): DrillAnswer => ({ ...r });

export function dailyQuestionStore(db: Db): DailyQuestionStore {
  return {
    async latestPicks(groupId, kind, limit) {
      return db
        .select({ day: dailyPicks.day, itemId: dailyPicks.itemId })
        .from(dailyPicks)
        .where(and(eq(dailyPicks.groupId, groupId), eq(dailyPicks.kind, kind)))
        .orderBy(desc(dailyPicks.day))
        .limit(limit);
    },

    async recordDrillAnswer(input) {
      const { memberId, groupId, day, questionId } = input;
      return db.transaction(async (tx) => {
        const key = and(eq(drillAnswers.memberId, memberId), eq(drillAnswers.groupId, groupId), eq(drillAnswers.day, day));
        const inserted = await tx
          .insert(drillAnswers)
          .values({ memberId, groupId, day, questionId, choice: input.choice, correct: input.correct, points: 0, answeredAt: input.answeredAt })
          .onConflictDoNothing()
          .returning();
        if (!inserted[0]) {
          const [existing] = await tx.select().from(drillAnswers).where(key);
          return { answer: toDrillAnswer(existing!), recorded: false };
        }

        let points = 0;
        if (input.correct) {
          const event = { memberId, groupId, at: input.answeredAt };
          // The same key as a quiz's first correct answer: a question pays its difficulty points once.
          const first = await tx
            .insert(scoreEvents)
            .values({ ...event, source: 'first-correct', sourceKey: `first:${memberId}:${questionId}`, points: input.firstCorrectPoints })
            .onConflictDoNothing()
            .returning({ points: scoreEvents.points });
          if (first[0]) {
            points += first[0].points;
          } else if (input.practicePoints > 0) {
            await tx.insert(scoreEvents).values({ ...event, source: 'practice', sourceKey: `daily:${memberId}:${groupId}:${day}`, points: input.practicePoints });
            points += input.practicePoints;
          }
          if (input.bonusPoints > 0) {
            await tx.insert(scoreEvents).values({ ...event, source: 'daily-bonus', sourceKey: `daily-bonus:${memberId}:${groupId}:${day}`, points: input.bonusPoints });
            points += input.bonusPoints;
          }
          if (points > 0) await tx.update(drillAnswers).set({ points }).where(key);
        }
        await tx.insert(activityDays).values({ memberId, day: input.localDay }).onConflictDoNothing();
        return { answer: { ...toDrillAnswer(inserted[0]), points }, recorded: true };
      });
    },

    async drillAnswerCounts(groupId, day) {
      return db
        .select({ choice: drillAnswers.choice, n: count() })
        .from(drillAnswers)
        .where(and(eq(drillAnswers.groupId, groupId), eq(drillAnswers.day, day)))
        .groupBy(drillAnswers.choice)
        .orderBy(drillAnswers.choice);
    },
  };
}
