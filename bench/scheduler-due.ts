import { sql } from 'drizzle-orm';
import type { DueSlot } from '../src/core/ports.js';
import { catchUp } from '../src/core/schedule/slots.js';
import type { Db } from '../src/db/client.js';
import { createPgStore } from '../src/db/store.js';
import { DEFAULT_SCHEDULER_OPTIONS } from '../src/scheduler/scheduler.js';
import { rowsOf } from './lib/scratch-db.js';
import { summarize, timeRuns, type Summary } from './lib/stats.js';

export interface DueCase {
  dueSlots: number;
  /** Reading the due slots (with their groups) and deciding post or skip for each, as a tick does. */
  compute: Summary;
  /** The floor: counting the due rows in the next_run_at index. */
  indexCount: Summary;
}

export interface DueResult {
  groups: number;
  /** 09:00 arrives in one of 24 time zones: that zone's groups are due. */
  oneZone: DueCase;
  /** Every group due in the same minute (all 100,000 at 09:00 UTC). */
  allDue: DueCase;
}

const ZONES = 24;

/**
 * `groups` set-up Slack study groups across `workspaces` workspaces, each due for its daily drill and
 * goal reminder at `first` plus (group % 24) hours: 09:00 in one of 24 time zones, one an hour apart.
 */
export async function seedScheduledGroups(db: Db, opts: { groups: number; workspaces: number; first: Date; prefix: string }): Promise<void> {
  const first = opts.first.toISOString();
  await db.execute(sql`insert into workspaces (platform, external_id) select 'slack', ${opts.prefix} || 'T' || w from generate_series(0, ${opts.workspaces - 1}) w`);
  await db.execute(sql`insert into study_groups (workspace_id, channel_id, setup_at)
    select w.id, ${opts.prefix} || 'C' || g, ${first}::timestamptz - interval '7 days'
    from generate_series(0, ${opts.groups - 1}) g join workspaces w on w.external_id = ${opts.prefix} || 'T' || (g % ${opts.workspaces})`);
  await db.execute(sql`insert into group_schedules (group_id, kind, next_run_at)
    select g.id, k.kind, ${first}::timestamptz + (g.id % ${ZONES}) * interval '1 hour'
    from study_groups g join workspaces w on w.id = g.workspace_id cross join (values ('drill'), ('reminder')) k(kind)
    where w.external_id like ${`${opts.prefix}T%`}`);
  await db.execute(sql`analyze`);
}

/** The due-slot computation of one tick over `groups` groups: when one zone's groups are due, and when all are. */
export async function dueSlotsBench(db: Db, opts: { groups: number; workspaces: number; runs: number }): Promise<DueResult> {
  // Tuesday 1 December 2026, 09:00 UTC.
  const tick = new Date('2026-12-01T09:00:00Z');
  await seedScheduledGroups(db, { groups: opts.groups, workspaces: opts.workspaces, first: tick, prefix: 'D' });
  const store = createPgStore(db);

  async function measure(): Promise<DueCase> {
    const [due] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from group_schedules where next_run_at <= ${tick.toISOString()}::timestamptz`);
    const expected = due?.n ?? 0;
    let dueSlots = 0;
    const compute = summarize(
      await timeRuns(opts.runs, async () => {
        const due: DueSlot[] = await store.dueSlots(tick, ['slack'], 10 * opts.groups);
        dueSlots = due.filter((d) => catchUp({ timezone: d.group.timezone, postTime: d.group.postTime, days: d.group.days }, d.kind, d.slot, tick, DEFAULT_SCHEDULER_OPTIONS.graceMs).post).length;
      }, 1),
    );
    if (dueSlots !== expected) throw new Error(`expected ${expected} due slots, found ${dueSlots}`);
    const indexCount = summarize(await timeRuns(opts.runs, () => db.execute(sql`select count(*) from group_schedules where next_run_at <= ${tick.toISOString()}::timestamptz`), 1));
    return { dueSlots, compute, indexCount };
  }

  const oneZone = await measure();
  await db.execute(sql`update group_schedules set next_run_at = ${tick.toISOString()}::timestamptz`);
  await db.execute(sql`analyze group_schedules`);
  const allDue = await measure();
  return { groups: opts.groups, oneZone, allDue };
}
