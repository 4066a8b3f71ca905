import { and, asc, count, desc, eq, gte, lt, max, sql, type SQL } from 'drizzle-orm';
import type { Store } from '../../core/ports.js';
import type { Db } from '../client.js';
import { activityDays, answers, members, scoreEvents } from '../schema.js';

type RankingStore = Pick<Store, 'leaderboard' | 'rankOf' | 'totalPoints' | 'activityDays' | 'accuracyBySkill'>;

export function rankingStore(db: Db): RankingStore {
  const points = sql<number>`sum(${scoreEvents.points})`.mapWith(Number);
  const reachedAt = max(scoreEvents.at);

  function inRange(groupId: number, from: Date | null, to: Date | null, memberId?: number): SQL {
    const conds: SQL[] = [eq(scoreEvents.groupId, groupId), eq(members.hidden, false)];
    if (memberId !== undefined) conds.push(eq(scoreEvents.memberId, memberId));
    if (from) conds.push(gte(scoreEvents.at, from));
    if (to) conds.push(lt(scoreEvents.at, to));
    return and(...conds)!;
  }

  function totals(groupId: number, from: Date | null, to: Date | null, memberId?: number) {
    return db
      // Aliased: rankOf reads these fields from the query used as a subquery.
      .select({ memberId: scoreEvents.memberId, displayName: members.displayName, points: points.as('points'), reachedAt: reachedAt.as('reached_at') })
      .from(scoreEvents)
      .innerJoin(members, eq(members.id, scoreEvents.memberId))
      .where(inRange(groupId, from, to, memberId))
      .groupBy(scoreEvents.memberId, members.displayName)
      .having(sql`sum(${scoreEvents.points}) > 0`);
  }

  return {
    async leaderboard(groupId, from, to, limit) {
      const rows = await totals(groupId, from, to).orderBy(desc(points), asc(reachedAt), asc(scoreEvents.memberId)).limit(limit);
      return rows.map((r) => ({ ...r, reachedAt: r.reachedAt ?? new Date(0) }));
    },

    async rankOf(groupId, memberId, from, to) {
      const [own] = await totals(groupId, from, to, memberId);
      if (!own || !own.reachedAt) return undefined;
      const ranked = totals(groupId, from, to).as('ranked');
      const at = own.reachedAt.toISOString();
      const [ahead] = await db
        .select({ n: count() })
        .from(ranked)
        .where(
          sql`${ranked.points} > ${own.points}
            or (${ranked.points} = ${own.points} and ${ranked.reachedAt} < ${at}::timestamptz)
            or (${ranked.points} = ${own.points} and ${ranked.reachedAt} = ${at}::timestamptz and ${ranked.memberId} < ${memberId})`,
        );
      return { rank: (ahead?.n ?? 0) + 1, points: own.points };
    },

    async totalPoints(memberId) {
      const [row] = await db
        .select({ points: sql<number>`coalesce(sum(${scoreEvents.points}), 0)`.mapWith(Number) })
        .from(scoreEvents)
        .where(eq(scoreEvents.memberId, memberId));
      return row?.points ?? 0;
    },

    async activityDays(memberId, sinceDay) {
      const rows = await db
        .select({ day: activityDays.day })
        .from(activityDays)
        .where(and(eq(activityDays.memberId, memberId), gte(activityDays.day, sinceDay)))
        .orderBy(desc(activityDays.day));
      return rows.map((r) => r.day);
    },

    async accuracyBySkill(memberId) {
      return db
        .select({
          skill: answers.skill,
          correct: sql<number>`count(*) filter (where ${answers.correct})`.mapWith(Number),
          total: count(),
        })
        .from(answers)
        .where(eq(answers.memberId, memberId))
        .groupBy(answers.skill)
        .orderBy(asc(answers.skill));
    },
  };
}
