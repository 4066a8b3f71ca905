import { DateTime, IANAZone } from 'luxon';

/** Time-zone arithmetic for day boundaries (streaks, goals, drills) and leaderboard periods. */

export function isValidTimezone(zone: string): boolean {
  return (zone === 'UTC' || /^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$/.test(zone)) && IANAZone.isValidZone(zone);
}

export function localDay(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISODate()!;
}

/** ISO week of an instant in a zone, e.g. `2026-W48`. */
export function isoWeek(at: Date, zone: string): string {
  const d = DateTime.fromJSDate(at, { zone });
  return `${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`;
}

export function addDays(day: string, n: number): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days: n }).toISODate()!;
}

/** 1 = Monday … 7 = Sunday for a YYYY-MM-DD day. */
export function weekday(day: string): number {
  return DateTime.fromISO(day, { zone: 'UTC' }).weekday;
}

export type Period = 'week' | 'month' | 'all';

/** [from, to) of the week or month containing `at` in a zone. */
const recentBounds = new Map<string, { from: Date; to: Date }>();

export function periodBounds(period: 'week' | 'month', at: Date, zone: string): { from: Date; to: Date } {
  // Every scored answer asks this: the last answer per zone and period is kept, since bounds are
  // half-open intervals, any instant inside them has the same ones.
  const key = `${period} ${zone}`;
  const known = recentBounds.get(key);
  const t = at.getTime();
  if (known && known.from.getTime() <= t && t < known.to.getTime()) return { from: new Date(known.from), to: new Date(known.to) };
  const start = DateTime.fromJSDate(at, { zone }).startOf(period);
  const bounds = { from: start.toJSDate(), to: start.plus(period === 'week' ? { weeks: 1 } : { months: 1 }).toJSDate() };
  if (recentBounds.size >= 1000) recentBounds.clear();
  recentBounds.set(key, bounds);
  return { from: new Date(bounds.from), to: new Date(bounds.to) };
}

/** [from, to) of the current week or month in a zone; `all` is unbounded. */
export function periodRange(period: Period, at: Date, zone: string): { from: Date | null; to: Date | null; label: string } {
  if (period === 'all') return { from: null, to: null, label: 'all time' };
  const { from, to } = periodBounds(period, at, zone);
  const label = period === 'week' ? `this week (${isoWeek(at, zone)})` : `this month (${DateTime.fromJSDate(from, { zone }).toFormat('LLLL yyyy')})`;
  return { from, to, label };
}

export function formatLocal(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat("ccc d LLL yyyy, HH:mm '('z')'");
}
