import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { PostKind, ScheduleSettings } from '../../src/core/ports.js';
import { catchUp, localSlot, nextSlot, upcomingSlots } from '../../src/core/schedule/slots.js';
import { weekday } from '../../src/core/time.js';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'];
const DAILY = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const HOUR = 3_600_000;

const settings = (timezone: string, postTime: string, days = DAILY): ScheduleSettings => ({ timezone, postTime, days });

/** Every slot of `kind` from `from` (exclusive) up to `to`, by repeatedly asking for the next one. */
function slotsBetween(s: ScheduleSettings, kind: PostKind, from: string, to: string): Date[] {
  const out: Date[] = [];
  let at = new Date(from);
  for (;;) {
    const next = nextSlot(s, kind, at);
    if (!next || next >= new Date(to)) return out;
    out.push(next);
    at = next;
  }
}

const local = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone });
/** Local midnight `days` days from `day`, as an ISO instant. */
const shift = (day: string, zone: string, days: number) => DateTime.fromISO(day, { zone }).plus({ days }).toJSDate().toISOString();

/** Spring-forward and fall-back days of 2026, and a wall time inside the gap / the repeated hour. */
const CHANGES = [
  { zone: 'America/New_York', spring: '2026-03-08', gap: '02:30', firstValid: '03:00', fall: '2026-11-01', repeated: '01:30' },
  { zone: 'Europe/Berlin', spring: '2026-03-29', gap: '02:30', firstValid: '03:00', fall: '2026-10-25', repeated: '02:30' },
  { zone: 'Australia/Sydney', spring: '2026-10-04', gap: '02:30', firstValid: '03:00', fall: '2026-04-05', repeated: '02:30' },
];

describe.each(CHANGES)('daylight saving in $zone', ({ zone, spring, gap, firstValid, fall, repeated }) => {
  it('keeps a daily 09:00 at 09:00 local across both changes, while the UTC time moves by an hour', () => {
    for (const day of [spring, fall]) {
      const around = slotsBetween(settings(zone, '09:00'), 'drill', shift(day, zone, -3), shift(day, zone, 4));
      expect(around.length).toBeGreaterThanOrEqual(6);
      for (const slot of around) expect(local(slot, zone).toFormat('HH:mm')).toBe('09:00');
      const utcTimes = new Set(around.map((s) => s.toISOString().slice(11, 16)));
      expect(utcTimes.size).toBe(2);
      const localDays = around.map((s) => local(s, zone).toISODate());
      expect(new Set(localDays).size).toBe(localDays.length);
    }
  });

  it('fires a time inside the spring-forward gap at the first valid minute after it, once', () => {
    const slot = localSlot(spring, gap, zone);
    expect(local(slot, zone).toISODate()).toBe(spring);
    expect(local(slot, zone).toFormat('HH:mm')).toBe(firstValid);
    // One minute earlier is still the old offset: the gap starts right before this instant.
    expect(local(new Date(slot.getTime() - 60_000), zone).offset).not.toBe(local(slot, zone).offset);
    const week = slotsBetween(settings(zone, gap), 'drill', shift(spring, zone, -2), shift(spring, zone, 3));
    const onSpringDay = week.filter((s) => local(s, zone).toISODate() === spring);
    expect(onSpringDay).toEqual([slot]);
    for (const s of week.filter((x) => local(x, zone).toISODate() !== spring)) expect(local(s, zone).toFormat('HH:mm')).toBe(gap);
  });

  it('fires a time repeated by the fall-back change once', () => {
    const slots = slotsBetween(settings(zone, repeated), 'drill', shift(fall, zone, -2), shift(fall, zone, 3));
    const onFallDay = slots.filter((s) => local(s, zone).toISODate() === fall);
    expect(onFallDay).toHaveLength(1);
    expect(local(onFallDay[0]!, zone).toFormat('HH:mm')).toBe(repeated);
    // The wall time really happens twice that night: an hour apart, both read the same.
    const other = new Date(onFallDay[0]!.getTime() + (local(onFallDay[0]!, zone).isInDST ? HOUR : -HOUR));
    expect(local(other, zone).toFormat('HH:mm')).toBe(repeated);
    // Asking again from just after that slot gives the next day, never the second occurrence.
    expect(local(nextSlot(settings(zone, repeated), 'drill', onFallDay[0]!)!, zone).toISODate()).not.toBe(fall);
  });
});

describe('which days post what', () => {
  it('posts drills and reminders on the scheduled days and the digest on the first of them each ISO week', () => {
    const cases: { days: string[]; digest: number; drills: number }[] = [
      { days: WEEKDAYS, digest: 1, drills: 5 },
      { days: ['mon', 'wed', 'fri'], digest: 1, drills: 3 },
      { days: ['wed', 'fri'], digest: 3, drills: 2 },
      { days: ['sat', 'sun'], digest: 6, drills: 2 },
      { days: DAILY, digest: 1, drills: 7 },
    ];
    for (const c of cases) {
      const s = settings('Europe/Berlin', '08:15', c.days);
      const drills = slotsBetween(s, 'drill', '2026-11-22T23:00:00Z', '2026-11-29T23:00:00Z');
      const reminders = slotsBetween(s, 'reminder', '2026-11-22T23:00:00Z', '2026-11-29T23:00:00Z');
      const digests = slotsBetween(s, 'digest', '2026-11-22T23:00:00Z', '2026-12-13T23:00:00Z');
      expect(drills).toHaveLength(c.drills);
      expect(reminders).toEqual(drills);
      expect(digests).toHaveLength(3);
      for (const d of digests) expect(weekday(local(d, 'Europe/Berlin').toISODate()!)).toBe(c.digest);
      expect(drills.map((d) => local(d, 'Europe/Berlin').toFormat('ccc').toLowerCase()).every((d) => c.days.includes(d))).toBe(true);
    }
  });

  it('after a post, never schedules the same kind again that day (or, for the digest, that week)', () => {
    const s = settings('UTC', '09:00', WEEKDAYS);
    const now = new Date('2026-11-25T09:30:00Z');
    const fresh = upcomingSlots({ ...s, postTime: '10:00' }, now, []);
    expect(fresh.find((n) => n.kind === 'drill')!.at.toISOString()).toBe('2026-11-25T10:00:00.000Z');
    const moved = upcomingSlots({ ...s, postTime: '10:00' }, now, [
      { kind: 'drill', slot: new Date('2026-11-25T09:00:00Z') },
      { kind: 'digest', slot: new Date('2026-11-23T09:00:00Z') },
    ]);
    expect(Object.fromEntries(moved.map((n) => [n.kind, n.at.toISOString()]))).toEqual({
      drill: '2026-11-26T10:00:00.000Z',
      reminder: '2026-11-25T10:00:00.000Z',
      digest: '2026-11-30T10:00:00.000Z',
    });
  });
});

describe('catching up after downtime', () => {
  const s = settings('America/New_York', '09:00', WEEKDAYS);
  const slot = new Date('2026-11-25T14:00:00Z'); // Wed 09:00 EST

  it('posts a slot missed by up to the grace window', () => {
    expect(catchUp(s, 'drill', slot, new Date(slot.getTime() + 3 * HOUR), 3 * HOUR)).toEqual({ post: true });
  });

  it('skips an older slot to the first one still within the window, or the next one', () => {
    expect(catchUp(s, 'drill', slot, new Date(slot.getTime() + 3 * HOUR + 60_000), 3 * HOUR)).toEqual({ post: false, next: new Date('2026-11-26T14:00:00Z') });
    // Down from Wednesday to Friday 10:00: Friday's 09:00 is within the window, Wednesday's and Thursday's are skipped.
    expect(catchUp(s, 'drill', slot, new Date('2026-11-27T15:00:00Z'), 3 * HOUR)).toEqual({ post: false, next: new Date('2026-11-27T14:00:00Z') });
  });
});

describe('properties', () => {
  const zones = ['America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Santiago', 'UTC'];

  it('the next slot is after the given instant, on a scheduled day, at the post time unless that time does not exist', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.subarray(DAILY, { minLength: 1 }),
        fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }),
        (zone, h, m, days, after) => {
          const postTime = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
          const s = settings(zone, postTime, days);
          const next = nextSlot(s, 'drill', after)!;
          expect(next.getTime()).toBeGreaterThan(after.getTime());
          expect(next.getTime() - after.getTime()).toBeLessThanOrEqual(8 * 24 * HOUR);
          const at = local(next, zone);
          expect(days).toContain(at.toFormat('ccc').toLowerCase());
          if (at.toFormat('HH:mm') !== postTime) {
            // Only inside a gap: the wall time was skipped, and the minute before the slot has another offset.
            expect(local(new Date(next.getTime() - 60_000), zone).offset).not.toBe(at.offset);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
