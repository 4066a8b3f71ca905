import { and, asc, count, desc, eq, gte, lt, max, sql, type SQL } from 'drizzle-orm';
import type { Store } from '../../core/ports.js';
import type { Db } from '../client.js';
import { rowsOf } from '../rows.js';
import { activityDays, answers, members, scoreEvents } from '../schema.js';
import { ALL_TIME } from './awards.js';

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

  /** The period's key in score_periods and score_totals: null bounds are the all-time board. */
  const bounds = (from: Date | null, to: Date | null) => (from === null && to === null ? ALL_TIME : from && to ? { from: from.toISOString(), to: to.toISOString() } : undefined);
  const inPeriod = (groupId: number, p: { from: string; to: string }) =>
    sql`t.group_id = ${groupId} and t.starts_at = ${p.from}::timestamptz and t.ends_at = ${p.to}::timestamptz and t.points > 0 and not m.hidden`;

  /** Whether the group's totals of this period are kept (else the ledger is summed). */
  async function kept(groupId: number, p: { from: string; to: string }): Promise<boolean> {
    const rows = await rowsOf(db, sql`select 1 from score_periods where group_id = ${groupId} and starts_at = ${p.from}::timestamptz and ends_at = ${p.to}::timestamptz`);
    return rows.length > 0;
  }

  type TotalRow = { memberId: number; displayName: string; points: number; reachedAt: Date | string };
  const toRow = (r: TotalRow) => ({ memberId: r.memberId, displayName: r.displayName, points: r.points, reachedAt: new Date(r.reachedAt) });

  return {
    async leaderboard(groupId, from, to, limit) {
      const period = bounds(from, to);
      if (period) {
        const rows = await rowsOf<TotalRow>(
          db,
          sql`select t.member_id as "memberId", m.display_name as "displayName", t.points, t.reached_at as "reachedAt"
            from score_totals t join members m on m.id = t.member_id
              join score_periods p on p.group_id = t.group_id and p.starts_at = t.starts_at and p.ends_at = t.ends_at
            where ${inPeriod(groupId, period)}
            order by t.points desc nulls last, t.reached_at, t.member_id limit ${limit}`,
        );
        if (rows.length > 0 || (await kept(groupId, period))) return rows.map(toRow);
      }
      const rows = await totals(groupId, from, to).orderBy(desc(points), asc(reachedAt), asc(scoreEvents.memberId)).limit(limit);
      return rows.map((r) => ({ ...r, reachedAt: r.reachedAt ?? new Date(0) }));
    },

    async rankOf(groupId, memberId, from, to) {
      const period = bounds(from, to);
      if (period && (await kept(groupId, period))) {
        const [own] = await rowsOf<TotalRow>(
          db,
          sql`select t.points, t.reached_at as "reachedAt" from score_totals t join members m on m.id = t.member_id
            where ${inPeriod(groupId, period)} and t.member_id = ${memberId}`,
        );
        if (!own) return undefined;
        const at = new Date(own.reachedAt).toISOString();
        const [ahead] = await rowsOf<{ n: number }>(
          db,
          sql`select count(*)::int as n from score_totals t join members m on m.id = t.member_id
            where ${inPeriod(groupId, period)} and (t.points > ${own.points}
              or (t.points = ${own.points} and t.reached_at < ${at}::timestamptz)
              or (t.points = ${own.points} and t.reached_at = ${at}::timestamptz and t.member_id < ${memberId}))`,
        );
        return { rank: (ahead?.n ?? 0) + 1, points: own.points };
      }
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
