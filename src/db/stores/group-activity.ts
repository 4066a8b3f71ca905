import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { GroupActivityStore } from '../../core/ports.js';
import type { Db } from '../client.js';
import { activityDays, members, scoreEvents, weeklyGoals } from '../schema.js';

export function groupActivityStore(db: Db): GroupActivityStore {
  return {
    async groupRoster(groupId, since, limit) {
      // score_events is indexed by (group, at), so this stays cheap when every group posts at once.
      const scored = db.select({ id: scoreEvents.memberId }).from(scoreEvents).where(and(eq(scoreEvents.groupId, groupId), gte(scoreEvents.at, since)));
      return db
        .select({ memberId: members.id, displayName: members.displayName, timezone: members.timezone })
        .from(members)
        .where(and(eq(members.hidden, false), inArray(members.id, scored)))
        .orderBy(asc(sql`lower(${members.displayName})`), asc(members.id))
        .limit(limit);
    },

    async goalsOf(memberIds, week) {
      if (memberIds.length === 0) return [];
      const rows = await db
        .select({ memberId: weeklyGoals.memberId, text: weeklyGoals.text, doneAt: weeklyGoals.doneAt })
        .from(weeklyGoals)
        .where(and(inArray(weeklyGoals.memberId, memberIds), eq(weeklyGoals.week, week)))
        .orderBy(asc(weeklyGoals.createdAt), asc(weeklyGoals.id));
      return rows.map((r) => ({ memberId: r.memberId, text: r.text, done: r.doneAt !== null }));
    },

    async activityDaysOf(memberIds, sinceDay) {
      if (memberIds.length === 0) return [];
      return db
        .select({ memberId: activityDays.memberId, day: activityDays.day })
        .from(activityDays)
        .where(and(inArray(activityDays.memberId, memberIds), gte(activityDays.day, sinceDay)));
    },
  };
}
