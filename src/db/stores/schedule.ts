import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, max, notExists, or, sql } from 'drizzle-orm';
import type { PostKind, ScheduleStore, SlotKey } from '../../core/ports.js';
import type { Platform } from '../../core/types.js';
import type { Db } from '../client.js';
import { groupSchedules, scheduledDeliveries, scorePeriods, studyGroups, workspaces } from '../schema.js';

const FAILURE_MAX = 500;

const id = (k: { groupId: number; kind: string; slot: Date }) => `${k.groupId}:${k.kind}:${k.slot.getTime()}`;

const delivery = (k: SlotKey) => and(eq(scheduledDeliveries.groupId, k.groupId), eq(scheduledDeliveries.kind, k.kind), eq(scheduledDeliveries.slot, k.slot));
const pointsAt = (k: SlotKey) => and(eq(groupSchedules.groupId, k.groupId), eq(groupSchedules.kind, k.kind), eq(groupSchedules.nextRunAt, k.slot));

export function scheduleStore(db: Db): ScheduleStore {
  /** Replaces the group's next slots (inside the caller's transaction). */
  async function replaceSlots(tx: Db, groupId: number, next: { kind: PostKind; at: Date }[]) {
    await tx.delete(groupSchedules).where(eq(groupSchedules.groupId, groupId));
    if (next.length > 0) await tx.insert(groupSchedules).values(next.map((n) => ({ groupId, kind: n.kind, nextRunAt: n.at })));
  }

  /** Moves the schedule on from `key.slot`, only if no one else moved it already. */
  async function advance(tx: Db, key: SlotKey, next: Date | undefined): Promise<boolean> {
    const rows = next
      ? await tx.update(groupSchedules).set({ nextRunAt: next }).where(pointsAt(key)).returning({ groupId: groupSchedules.groupId })
      : await tx.delete(groupSchedules).where(pointsAt(key)).returning({ groupId: groupSchedules.groupId });
    return rows.length > 0;
  }

  return {
    async setupGroup(groupId, settings, at, next) {
      await db.transaction(async (tx) => {
        // FOR UPDATE waits for scoring transactions holding the group (awards.ts). A new zone moves
        // week and month boundaries: those periods' totals are rebuilt from the ledger when next scored.
        const [current] = await tx.select({ timezone: studyGroups.timezone }).from(studyGroups).where(eq(studyGroups.id, groupId)).for('update');
        if (current && current.timezone !== settings.timezone) {
          await tx.delete(scorePeriods).where(and(eq(scorePeriods.groupId, groupId), sql`${scorePeriods.endsAt} <> 'infinity'`));
        }
        await tx
          .update(studyGroups)
          .set({ ...settings, paused: false, pausedReason: null, setupAt: sql`coalesce(${studyGroups.setupAt}, ${at.toISOString()}::timestamptz)` })
          .where(eq(studyGroups.id, groupId));
        await replaceSlots(tx, groupId, next);
      });
    },

    async pauseGroup(groupId, reason) {
      return db.transaction(async (tx) => {
        const rows = await tx
          .update(studyGroups)
          .set({ paused: true, pausedReason: reason })
          .where(and(eq(studyGroups.id, groupId), eq(studyGroups.paused, false)))
          .returning({ id: studyGroups.id });
        await tx.delete(groupSchedules).where(eq(groupSchedules.groupId, groupId));
        return rows.length > 0;
      });
    },

    async resumeGroup(groupId, next) {
      await db.transaction(async (tx) => {
        await tx.update(studyGroups).set({ paused: false, pausedReason: null }).where(eq(studyGroups.id, groupId));
        await replaceSlots(tx, groupId, next);
      });
    },

    async groupSchedule(groupId) {
      const [group] = await db.select({ setupAt: studyGroups.setupAt, pausedReason: studyGroups.pausedReason }).from(studyGroups).where(eq(studyGroups.id, groupId));
      const next = await db
        .select({ kind: groupSchedules.kind, at: groupSchedules.nextRunAt })
        .from(groupSchedules)
        .where(eq(groupSchedules.groupId, groupId))
        .orderBy(asc(groupSchedules.nextRunAt), asc(groupSchedules.kind));
      const last = await db
        .select({ kind: scheduledDeliveries.kind, slot: max(scheduledDeliveries.slot) })
        .from(scheduledDeliveries)
        .where(and(eq(scheduledDeliveries.groupId, groupId), isNotNull(scheduledDeliveries.completedAt)))
        .groupBy(scheduledDeliveries.kind);
      return {
        setupAt: group?.setupAt ?? null,
        pausedReason: group?.pausedReason ?? null,
        next: next.map((n) => ({ kind: n.kind as PostKind, at: n.at })),
        lastPosted: last.flatMap((l) => (l.slot ? [{ kind: l.kind as PostKind, slot: l.slot }] : [])),
      };
    },

    async dueSlots(now, platforms, limit) {
      if (platforms.length === 0) return [];
      const leased = db
        .select({ one: sql`1` })
        .from(scheduledDeliveries)
        .where(
          and(
            eq(scheduledDeliveries.groupId, groupSchedules.groupId),
            eq(scheduledDeliveries.kind, groupSchedules.kind),
            eq(scheduledDeliveries.slot, groupSchedules.nextRunAt),
            isNull(scheduledDeliveries.completedAt),
            gt(scheduledDeliveries.leaseUntil, now),
          ),
        );
      const rows = await db
        // Only the columns a post needs: a tick can read thousands of rows.
        .select({
          slot: groupSchedules.nextRunAt,
          kind: groupSchedules.kind,
          group: { id: studyGroups.id, channelId: studyGroups.channelId, timezone: studyGroups.timezone, postTime: studyGroups.postTime, days: studyGroups.days, paused: studyGroups.paused, createdAt: studyGroups.createdAt },
          platform: workspaces.platform,
          workspaceId: workspaces.externalId,
        })
        .from(groupSchedules)
        .innerJoin(studyGroups, eq(studyGroups.id, groupSchedules.groupId))
        .innerJoin(workspaces, eq(workspaces.id, studyGroups.workspaceId))
        .where(and(lte(groupSchedules.nextRunAt, now), eq(studyGroups.paused, false), inArray(workspaces.platform, platforms), notExists(leased)))
        // The index (next_run_at, group_id, kind) serves this order, so the limit stops the scan early.
        .orderBy(asc(groupSchedules.nextRunAt), asc(groupSchedules.groupId), asc(groupSchedules.kind))
        .limit(limit);
      return rows.map((r) => ({
        groupId: r.group.id,
        kind: r.kind as PostKind,
        slot: r.slot,
        group: {
          id: r.group.id,
          platform: r.platform as Platform,
          workspaceId: r.workspaceId,
          channelId: r.group.channelId,
          timezone: r.group.timezone,
          postTime: r.group.postTime,
          days: r.group.days,
          paused: r.group.paused,
          createdAt: r.group.createdAt,
        },
      }));
    },

    async claimSlots(keys, at, leaseUntil) {
      if (keys.length === 0) return { claimed: [], completed: [] };
      // One order for every replica, so concurrent claims of overlapping batches cannot deadlock.
      const sorted = [...keys].sort((a, b) => a.slot.getTime() - b.slot.getTime() || a.groupId - b.groupId || a.kind.localeCompare(b.kind));
      const returned = { groupId: scheduledDeliveries.groupId, kind: scheduledDeliveries.kind, slot: scheduledDeliveries.slot };
      const withAttempt = { ...returned, attempts: scheduledDeliveries.attempts };
      const inserted = await db
        .insert(scheduledDeliveries)
        .values(sorted.map((k) => ({ groupId: k.groupId, kind: k.kind, slot: k.slot, claimedAt: at, leaseUntil })))
        .onConflictDoNothing()
        .returning(withAttempt);
      const claimed = new Map(inserted.map((r) => [id(r), r.attempts]));
      let rest = sorted.filter((k) => !claimed.has(id(k)));
      if (rest.length > 0) {
        // Row-locked update: of several replicas taking over an expired claim at once, one matches.
        const taken = await db
          .update(scheduledDeliveries)
          .set({ claimedAt: at, leaseUntil, attempts: sql`${scheduledDeliveries.attempts} + 1` })
          .where(and(or(...rest.map(delivery)), isNull(scheduledDeliveries.completedAt), lte(scheduledDeliveries.leaseUntil, at)))
          .returning(withAttempt);
        for (const t of taken) claimed.set(id(t), t.attempts);
        rest = rest.filter((k) => !claimed.has(id(k)));
      }
      const done = rest.length > 0 ? await db.select(returned).from(scheduledDeliveries).where(and(or(...rest.map(delivery)), isNotNull(scheduledDeliveries.completedAt))) : [];
      const completed = new Set(done.map(id));
      return {
        claimed: sorted.flatMap((k) => (claimed.has(id(k)) ? [{ ...k, attempt: claimed.get(id(k))! }] : [])),
        completed: sorted.filter((k) => completed.has(id(k))),
      };
    },

    async completeSlot(key, messageId, at, next) {
      // One statement, so the record and the move to the next slot happen together or not at all.
      const record = sql`update ${scheduledDeliveries} set completed_at = ${at.toISOString()}::timestamptz, message_id = ${messageId}, failure = null
        where group_id = ${key.groupId} and kind = ${key.kind} and slot = ${key.slot.toISOString()}::timestamptz and completed_at is null`;
      const mine = sql`group_id = ${key.groupId} and kind = ${key.kind} and next_run_at = ${key.slot.toISOString()}::timestamptz`;
      await db.execute(
        next
          ? sql`with recorded as (${record}) update ${groupSchedules} set next_run_at = ${next.toISOString()}::timestamptz where ${mine}`
          : sql`with recorded as (${record}) delete from ${groupSchedules} where ${mine}`,
      );
    },

    async failSlot(key, failure) {
      await db.update(scheduledDeliveries).set({ failure: failure.slice(0, FAILURE_MAX) }).where(delivery(key));
    },

    async advanceSlot(key, next) {
      return advance(db, key, next);
    },
  };
}
