import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { DailyQuestionStore, DrillAnswer } from '../../core/ports.js';
import type { Db } from '../client.js';
import { rowsOf } from '../rows.js';
import { activityDays, dailyPicks, drillAnswers, reviewCards } from '../schema.js';
import { fromCard, toCard } from './sessions.js';
import { awardCtes, groupZoneLocked } from './awards.js';

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
          const [zone] = await rowsOf<{ zone: string }>(tx, sql`select ${groupZoneLocked(groupId)} as zone`);
          const award = {
            memberId,
            groupId,
            at: input.answeredAt,
            zone: zone?.zone ?? 'UTC',
            // The same key as a quiz's first correct answer: a question pays its difficulty points once.
            primary: { source: 'first-correct', sourceKey: `first:${memberId}:${questionId}`, points: input.firstCorrectPoints },
            fallback: { source: 'practice', sourceKey: `daily:${memberId}:${groupId}:${day}`, points: input.practicePoints },
            extra: { source: 'daily-bonus', sourceKey: `daily-bonus:${memberId}:${groupId}:${day}`, points: input.bonusPoints },
          };
          const [awarded] = await rowsOf<{ points: number }>(tx, sql`with ${awardCtes(award)} select points from awarded`);
          points = awarded?.points ?? 0;
          if (points > 0) await tx.update(drillAnswers).set({ points }).where(key);
        }
        const cardKey = and(eq(reviewCards.memberId, memberId), eq(reviewCards.questionId, questionId));
        const [current] = await tx.select().from(reviewCards).where(cardKey).for('update');
        const next = fromCard(input.nextCard(current ? toCard(current) : undefined));
        await tx
          .insert(reviewCards)
          .values({ memberId, questionId, ...next })
          .onConflictDoUpdate({ target: [reviewCards.memberId, reviewCards.questionId], set: next });
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
