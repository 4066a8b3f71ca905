import { DateTime } from 'luxon';
import type { PostKind, ScheduleSettings } from '../ports.js';
import { addDays, localDay, weekday } from '../time.js';
import { DAY_IDS, POST_KINDS } from './kinds.js';

/**
 * When a group's posts are due. Pure: slots are computed from the group's wall-clock time in its
 * IANA zone, day by day, so a daily 09:00 stays at 09:00 local across daylight-saving changes.
 */

const MINUTE = 60_000;
/** Far enough ahead to find the next weekly digest from any day. */
const SEARCH_DAYS = 15;

/** Minutes since the epoch of an instant's wall clock in its zone, for comparing local times. */
const wallMinutes = (dt: DateTime): number => Math.floor(dt.toMillis() / MINUTE) + dt.offset;

/**
 * The instant of wall-clock `time` (HH:MM) on local `day` (YYYY-MM-DD) in `zone`. A time inside a
 * spring-forward gap does not exist; it becomes the first valid minute after the gap. A time that
 * occurs twice at a fall-back change gives one instant (luxon's choice), so it fires once.
 */
export function localSlot(day: string, time: string, zone: string): Date {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const { year, month, day: dom } = DateTime.fromISO(day, { zone: 'UTC' });
  const dt = DateTime.fromObject({ year, month, day: dom, hour, minute }, { zone });
  if (dt.hour === hour && dt.minute === minute) return dt.toJSDate();
  // In a gap luxon moves the time forward by the gap's length; walk back to where the gap ends.
  const wanted = wallMinutes(DateTime.fromObject({ year, month, day: dom, hour, minute }, { zone: 'UTC' }));
  let at = dt;
  for (let i = 0; i < 24 * 60 && wallMinutes(at.minus({ minutes: 1 })) > wanted; i++) at = at.minus({ minutes: 1 });
  return at.toJSDate();
}

/** Whether `kind` posts on local `day`: drills and reminders on every scheduled day, the digest on the first of its ISO week. */
export function postsOn(days: readonly string[], kind: PostKind, day: string): boolean {
  const wd = weekday(day);
  const scheduled = DAY_IDS.map((d, i) => (days.includes(d) ? i + 1 : 0)).filter(Boolean);
  if (kind === 'digest') return wd === Math.min(...scheduled);
  return scheduled.includes(wd);
}

/**
 * The first slot of `kind` strictly after `after`. Days up to and including `doneThrough` (local
 * YYYY-MM-DD) are skipped: that kind was already posted for them.
 */
export function nextSlot(settings: ScheduleSettings, kind: PostKind, after: Date, doneThrough?: string): Date | undefined {
  const first = localDay(after, settings.timezone);
  for (let i = 0; i < SEARCH_DAYS; i++) {
    const day = addDays(first, i);
    if ((doneThrough && day <= doneThrough) || !postsOn(settings.days, kind, day)) continue;
    const slot = localSlot(day, settings.postTime, settings.timezone);
    if (slot > after) return slot;
  }
  return undefined;
}

/** The last local day a post of `kind` at `slot` covers: its day, or for the digest the Sunday of its ISO week. */
export function coveredThrough(kind: PostKind, slot: Date, zone: string): string {
  const day = localDay(slot, zone);
  return kind === 'digest' ? addDays(day, 7 - weekday(day)) : day;
}

/**
 * The next slot of every kind after `now`, never again on a day (for the digest, a week) already
 * posted, so changing the time with /study setup cannot post a second drill the same day.
 */
export function upcomingSlots(settings: ScheduleSettings, now: Date, lastPosted: { kind: PostKind; slot: Date }[]): { kind: PostKind; at: Date }[] {
  return POST_KINDS.flatMap((kind) => {
    const last = lastPosted.find((p) => p.kind === kind);
    const at = nextSlot(settings, kind, now, last ? coveredThrough(kind, last.slot, settings.timezone) : undefined);
    return at ? [{ kind, at }] : [];
  });
}

/**
 * For a due slot: the slot to post now, or, when it is older than the grace window, the first slot
 * that is still within it (possibly in the future) and the slot is skipped.
 */
export function catchUp(settings: ScheduleSettings, kind: PostKind, slot: Date, now: Date, graceMs: number): { post: boolean; next?: Date } {
  if (now.getTime() - slot.getTime() <= graceMs) return { post: true };
  return { post: false, next: nextSlot(settings, kind, new Date(Math.max(slot.getTime(), now.getTime() - graceMs - 1))) };
}
