import { sql, type SQL } from 'drizzle-orm';
import { periodBounds } from '../../core/time.js';

/**
 * Points go into the score_events ledger once per source key and, in the same statement, into
 * score_totals, the per-member totals of each leaderboard period (all time, the week and the
 * month in the group's zone) that leaderboards read instead of summing the ledger.
 */

/** One score event: recorded at most once per `sourceKey`. */
export interface PointsEvent {
  source: string;
  sourceKey: string;
  points: number;
}

export interface Award {
  memberId: number;
  groupId: number;
  at: Date;
  /** The group's time zone, read with groupZoneLocked in the same transaction. */
  zone: string;
  primary: PointsEvent;
  /** Recorded only when `primary` was not (already recorded): e.g. practice points for a question already answered right once. */
  fallback?: PointsEvent;
  /** Recorded as well, whatever happened to the others (e.g. the daily question's bonus). */
  extra?: PointsEvent;
}

/** The all-time period's bounds. */
export const ALL_TIME = { from: '-infinity', to: 'infinity' } as const;

const NO_EVENT: PointsEvent = { source: 'none', sourceKey: '', points: 0 };

/**
 * The group's time zone, locked against change until the transaction ends (KEY SHARE, as a
 * foreign key check would): /study setup takes the row FOR UPDATE before it changes the zone and
 * drops the group's week and month periods, so no event counts in a period of the old zone after.
 */
export const groupZoneLocked = (groupId: number): SQL => sql`(select timezone from study_groups where id = ${groupId} for key share)`;

/** The periods an event at `at` counts in, as ISO strings: all time, and its week and month in `zone`. */
function periodsOf(at: Date, zone: string): { from: string; to: string }[] {
  const bounds = (['week', 'month'] as const).map((p) => periodBounds(p, at, zone));
  return [ALL_TIME, ...bounds.map((b) => ({ from: b.from.toISOString(), to: b.to.toISOString() }))];
}

function insertEvent(a: Award, name: string, slot: number, when: SQL): SQL {
  return sql`${sql.raw(name)} as (
    insert into score_events (member_id, group_id, source, source_key, points, at)
    select ${a.memberId}, ${a.groupId}, source, source_key, points, ${a.at.toISOString()}::timestamptz from candidate
    where slot = ${slot} and points > 0 and ${when}
    on conflict (source_key) do nothing returning points)`;
}

/**
 * WITH-clause entries that record an award and update the totals; they end with `awarded`, one
 * row holding the points recorded (0 when every event was already there). A period new to the
 * group is added to score_periods and its totals rebuilt from the ledger (which this statement's
 * own events are not yet part of, so they are added on top).
 */
export function awardCtes(a: Award | undefined): SQL {
  if (!a) return sql`awarded as (select 0 as points)`;
  const at = a.at.toISOString();
  const events = [a.primary, a.fallback ?? NO_EVENT, a.extra ?? NO_EVENT];
  const candidates = sql.join(
    events.map((e, i) => sql`(${i + 1}::int, ${e.source}::text, ${e.sourceKey}::text, ${e.points}::int)`),
    sql`, `,
  );
  const periods = sql.join(
    periodsOf(a.at, a.zone).map((p) => sql`(${p.from}::timestamptz, ${p.to}::timestamptz)`),
    sql`, `,
  );
  return sql`candidate (slot, source, source_key, points) as (values ${candidates}),
    ${insertEvent(a, 'first_event', 1, sql`true`)},
    ${insertEvent(a, 'fallback_event', 2, sql`not exists (select 1 from first_event)`)},
    ${insertEvent(a, 'extra_event', 3, sql`true`)},
    added as (select points from first_event union all select points from fallback_event union all select points from extra_event),
    period (starts_at, ends_at) as (values ${periods}),
    fresh as (
      insert into score_periods (group_id, starts_at, ends_at)
      select ${a.groupId}, starts_at, ends_at from period where exists (select 1 from added)
      on conflict do nothing returning starts_at, ends_at),
    rebuilt as (
      insert into score_totals (group_id, starts_at, ends_at, member_id, points, reached_at)
      select ${a.groupId}, starts_at, ends_at, member_id, sum(points), max(at) from (
        select f.starts_at, f.ends_at, e.member_id, e.points, e.at
          from fresh f join score_events e on e.group_id = ${a.groupId} and e.at >= f.starts_at and e.at < f.ends_at
        union all
        select f.starts_at, f.ends_at, ${a.memberId}, added.points, ${at}::timestamptz from fresh f cross join added
      ) counted group by starts_at, ends_at, member_id
      on conflict (group_id, starts_at, ends_at, member_id) do update set points = excluded.points, reached_at = excluded.reached_at),
    increased as (
      insert into score_totals (group_id, starts_at, ends_at, member_id, points, reached_at)
      select ${a.groupId}, p.starts_at, p.ends_at, ${a.memberId}, sum(added.points), ${at}::timestamptz from period p cross join added
      where not exists (select 1 from fresh f where f.starts_at = p.starts_at and f.ends_at = p.ends_at)
      group by p.starts_at, p.ends_at
      on conflict (group_id, starts_at, ends_at, member_id)
      do update set points = score_totals.points + excluded.points, reached_at = greatest(score_totals.reached_at, excluded.reached_at)),
    awarded as (select coalesce(sum(points), 0)::int as points from added)`;
}
