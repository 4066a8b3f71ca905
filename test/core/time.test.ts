import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { currentStreak } from '../../src/core/scoring.js';
import { addDays, isoWeek, isValidTimezone, localDay, periodBounds, periodRange, weekday } from '../../src/core/time.js';

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

describe('isoWeek', () => {
  it.each([
    ['2026-11-25T10:00:00Z', 'UTC', '2026-W48'],
    ['2026-11-29T20:00:00Z', 'UTC', '2026-W48'], // Sunday evening
    ['2026-11-29T20:00:00Z', 'Asia/Tokyo', '2026-W49'], // already Monday in Tokyo
    ['2026-11-30T03:00:00Z', 'America/Los_Angeles', '2026-W48'], // still Sunday in Los Angeles
    ['2026-12-31T12:00:00Z', 'UTC', '2026-W53'], // 2026 has 53 ISO weeks
    ['2027-01-01T12:00:00Z', 'UTC', '2026-W53'], // New Year's Day belongs to the old ISO year
    ['2027-01-04T00:00:00Z', 'UTC', '2027-W01'],
    ['2025-12-29T00:00:00Z', 'UTC', '2026-W01'], // a December day in the next ISO year
    ['2021-01-03T12:00:00Z', 'UTC', '2020-W53'],
  ])('%s in %s is %s', (iso, zone, week) => {
    expect(isoWeek(at(iso), zone)).toBe(week);
  });
});

describe('localDay', () => {
  it.each([
    ['2026-11-24T16:00:00Z', 'Asia/Tokyo', '2026-11-25'],
    ['2026-11-24T16:00:00Z', 'UTC', '2026-11-24'],
    ['2026-11-25T03:00:00Z', 'America/Los_Angeles', '2026-11-24'],
    ['2026-03-29T00:30:00Z', 'Europe/Berlin', '2026-03-29'], // 01:30 CET, half an hour before the clocks go forward
    ['2026-10-24T22:30:00Z', 'Europe/Berlin', '2026-10-25'], // 00:30 CEST on the night the clocks go back
    ['2026-12-31T23:30:00Z', 'Asia/Kolkata', '2027-01-01'],
  ])('%s in %s is %s', (iso, zone, day) => {
    expect(localDay(at(iso), zone)).toBe(day);
  });
});

describe('periodRange across a DST change (Europe/Berlin)', () => {
  const zone = 'Europe/Berlin';
  const local = (d: Date) => DateTime.fromJSDate(d, { zone });

  /** A range of `days` whole local days that starts and ends at local midnight. */
  function expectLocalDays(from: Date, to: Date, days: number) {
    expect(local(from).toFormat('HH:mm:ss.SSS')).toBe('00:00:00.000');
    expect(local(to).toFormat('HH:mm:ss.SSS')).toBe('00:00:00.000');
    expect(local(to).diff(local(from), 'days').days).toBe(days);
  }

  it('the week of the spring change is 7 local days but 167 hours, Monday to Monday', () => {
    const { from, to, label } = periodRange('week', at('2026-03-29T12:00:00Z'), zone);
    expect(from).toEqual(at('2026-03-22T23:00:00Z')); // Monday 23 March 00:00 CET
    expect(to).toEqual(at('2026-03-29T22:00:00Z')); // Monday 30 March 00:00 CEST
    expectLocalDays(from!, to!, 7);
    expect(local(from!).weekday).toBe(1);
    expect(to!.getTime() - from!.getTime()).toBe(167 * HOUR);
    expect(label).toContain('2026-W13');
  });

  it('the week of the autumn change is 7 local days but 169 hours', () => {
    const { from, to, label } = periodRange('week', at('2026-10-25T12:00:00Z'), zone);
    expect(from).toEqual(at('2026-10-18T22:00:00Z')); // Monday 19 October 00:00 CEST
    expect(to).toEqual(at('2026-10-25T23:00:00Z')); // Monday 26 October 00:00 CET
    expectLocalDays(from!, to!, 7);
    expect(to!.getTime() - from!.getTime()).toBe(169 * HOUR);
    expect(label).toContain('2026-W43');
  });

  it('an instant just after local midnight on Monday starts a new week, though it is Sunday in UTC', () => {
    const { from } = periodRange('week', at('2026-03-29T22:30:00Z'), zone); // Monday 30 March 00:30 CEST
    expect(from).toEqual(at('2026-03-29T22:00:00Z'));
  });

  it('months run from local midnight on the 1st, whatever the offset', () => {
    const march = periodRange('month', at('2026-03-15T12:00:00Z'), zone);
    expect(march.from).toEqual(at('2026-02-28T23:00:00Z'));
    expect(march.to).toEqual(at('2026-03-31T22:00:00Z'));
    expectLocalDays(march.from!, march.to!, 31);
    expect(march.label).toContain('March 2026');
    const october = periodRange('month', at('2026-10-10T00:00:00Z'), zone);
    expect(october.from).toEqual(at('2026-09-30T22:00:00Z'));
    expect(october.to).toEqual(at('2026-10-31T23:00:00Z'));
    expectLocalDays(october.from!, october.to!, 31);
  });

  it('all time is unbounded', () => {
    expect(periodRange('all', at('2026-03-29T12:00:00Z'), zone)).toMatchObject({ from: null, to: null });
  });
});

describe('calendar days', () => {
  it('adds days across month, year and DST boundaries without drifting', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', -1)).toBe('2026-10-24');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('numbers weekdays from Monday (1) to Sunday (7)', () => {
    expect(weekday('2026-11-23')).toBe(1);
    expect(weekday('2026-11-25')).toBe(3);
    expect(weekday('2026-11-29')).toBe(7);
  });
});

describe('isValidTimezone', () => {
  it.each(['UTC', 'Europe/Berlin', 'Asia/Tokyo', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5'])('accepts %s', (zone) => {
    expect(isValidTimezone(zone)).toBe(true);
  });

  // Only IANA Area/City names (and UTC): legacy names like EST5EDT are refused.
  it.each(['Mars/Base', 'EST5EDT', 'GMT', 'Europe/', '/Berlin', 'Europe/Berlin; drop table', '', '+05:00'])('refuses %j', (zone) => {
    expect(isValidTimezone(zone)).toBe(false);
  });
});

describe('currentStreak', () => {
  const today = '2026-11-25';

  it('is 0 without activity', () => {
    expect(currentStreak([], today)).toBe(0);
  });

  it('counts consecutive days ending today, in any order and with repeats', () => {
    expect(currentStreak(['2026-11-25'], today)).toBe(1);
    expect(currentStreak(['2026-11-23', '2026-11-25', '2026-11-24', '2026-11-24'], today)).toBe(3);
  });

  it('is still alive when today has no activity yet but yesterday had', () => {
    expect(currentStreak(['2026-11-24', '2026-11-23'], today)).toBe(2);
  });

  it('is broken by a missed day', () => {
    expect(currentStreak(['2026-11-23', '2026-11-22'], today)).toBe(0);
    expect(currentStreak(['2026-11-25', '2026-11-23', '2026-11-22'], today)).toBe(1);
  });

  it('ignores days after today', () => {
    expect(currentStreak(['2026-11-26', '2026-11-27'], today)).toBe(0);
  });

  it('runs across month and year ends', () => {
    expect(currentStreak(['2026-02-27', '2026-02-28', '2026-03-01'], '2026-03-01')).toBe(3);
    expect(currentStreak(['2026-12-30', '2026-12-31'], '2027-01-01')).toBe(2);
  });
});

describe('periodBounds', () => {
  it('gives the right week and month on either side of a boundary, asked in any order (it keeps the last per zone)', () => {
    const zone = 'Asia/Kolkata'; // +05:30: local midnight falls at half past the UTC hour
    const fresh = (period: 'week' | 'month', iso: string) => {
      const start = DateTime.fromJSDate(at(iso), { zone }).startOf(period);
      return { from: start.toJSDate(), to: start.plus(period === 'week' ? { weeks: 1 } : { months: 1 }).toJSDate() };
    };
    // Sunday 29 Nov 23:59 and Monday 30 Nov 00:00 local time, then back, then into December.
    const instants = ['2026-11-29T18:29:00Z', '2026-11-29T18:30:00Z', '2026-11-29T18:29:59Z', '2026-11-30T18:30:00Z', '2026-11-29T18:30:00Z'];
    for (const iso of instants) {
      for (const period of ['week', 'month'] as const) expect(periodBounds(period, at(iso), zone), `${period} of ${iso}`).toEqual(fresh(period, iso));
    }
    expect(periodBounds('week', at('2026-11-29T18:29:00Z'), zone).to).toEqual(at('2026-11-29T18:30:00Z'));
    expect(periodBounds('month', at('2026-11-30T18:30:00Z'), zone).from).toEqual(at('2026-11-30T18:30:00Z'));
  });

  it('returns copies: changing one does not change the next answer', () => {
    const first = periodBounds('week', at('2026-11-25T10:00:00Z'), 'UTC');
    first.from.setTime(0);
    expect(periodBounds('week', at('2026-11-25T10:00:00Z'), 'UTC').from).toEqual(at('2026-11-23T00:00:00Z'));
  });
});
