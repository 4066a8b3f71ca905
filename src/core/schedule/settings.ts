import { words } from '../args.js';
import type { ScheduleSettings } from '../ports.js';
import { isValidTimezone } from '../time.js';
import { UserError } from '../types.js';
import { DAY_IDS, type DayId } from './kinds.js';

/** Parsing of `/study setup [time HH:MM] [tz Area/City] [days mon-fri|mon,wed,fri|daily]`. */

export const SETUP_USAGE = '/study setup [time HH:MM] [tz Area/City] [days mon-fri|mon,wed,fri|daily]';

const TIME_FORMS = 'Use 24-hour HH:MM from 00:00 to 23:59, e.g. time 09:00 or time 17:30.';
const DAY_FORMS = 'Use a range (mon-fri, sat-sun), a list (mon,wed,fri), a mix (mon-wed,fri), daily, weekdays or weekends.';
const ZONE_FORMS = 'Use an IANA name such as tz Europe/Berlin, tz America/New_York, tz Asia/Kolkata or tz UTC.';

const show = (s: string) => `"${s.slice(0, 40)}"`;

export function parseTime(value: string | undefined): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value ?? '');
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) {
    throw new UserError('SETUP_TIME', `${value ? `${show(value)} is not a time I can use.` : 'A time is missing after “time”.'} ${TIME_FORMS}`);
  }
  return `${m[1]!.padStart(2, '0')}:${m[2]}`;
}

export function parseZone(value: string | undefined): string {
  if (!value || !isValidTimezone(value)) {
    throw new UserError('TIMEZONE_INVALID', `${value ? `${show(value)} is not a time zone I know.` : 'A time zone is missing after “tz”.'} ${ZONE_FORMS}`);
  }
  return value;
}

const FULL_NAME: Record<DayId, string> = { mon: 'monday', tue: 'tuesday', wed: 'wednesday', thu: 'thursday', fri: 'friday', sat: 'saturday', sun: 'sunday' };

/** `mon`, `tues`, `wednesday` → the day; at least three letters. */
function dayId(token: string): DayId | undefined {
  return token.length >= 3 ? DAY_IDS.find((d) => FULL_NAME[d].startsWith(token.toLowerCase())) : undefined;
}

const NAMED: Record<string, DayId[]> = {
  daily: [...DAY_IDS],
  everyday: [...DAY_IDS],
  weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  weekends: ['sat', 'sun'],
};

/** `mon-fri`, `mon,wed,fri`, `mon-wed,fri`, `fri-mon` (wraps), `daily` → days in week order. */
export function parseDays(value: string | undefined): DayId[] {
  const fail = (): never => {
    throw new UserError('SETUP_DAYS', `${value ? `${show(value)} is not a set of days I can use.` : 'Days are missing after “days”.'} ${DAY_FORMS}`);
  };
  if (!value) return fail();
  const picked = new Set<DayId>();
  for (const part of value.toLowerCase().split(',')) {
    const named = NAMED[part];
    if (named) {
      named.forEach((d) => picked.add(d));
      continue;
    }
    const [from, to, extra] = part.split('-');
    const a = dayId(from ?? '');
    const b = to === undefined ? a : dayId(to);
    if (!a || !b || extra !== undefined) return fail();
    for (let i = DAY_IDS.indexOf(a); ; i = (i + 1) % 7) {
      picked.add(DAY_IDS[i]!);
      if (DAY_IDS[i] === b) break;
    }
  }
  return DAY_IDS.filter((d) => picked.has(d));
}

const KEYS: Record<string, 'time' | 'tz' | 'days'> = { time: 'time', at: 'time', tz: 'tz', timezone: 'tz', zone: 'tz', days: 'days', day: 'days' };

/**
 * Options given to /study setup, on top of `current`. Accepts `key value` and `key=value`; a
 * repeated key takes the last value.
 */
export function parseSetupArgs(args: string, current: ScheduleSettings): ScheduleSettings {
  const tokens = words(args).flatMap((w) => (/^[a-z]+=/i.test(w) ? w.split(/=(.*)/s).slice(0, 2) : [w]));
  const out: ScheduleSettings = { ...current, days: [...current.days] };
  for (let i = 0; i < tokens.length; i += 2) {
    const key = KEYS[tokens[i]!.toLowerCase()];
    const value = tokens[i + 1] || undefined;
    if (!key) {
      throw new UserError('SETUP_ARGS', `I don’t know the setup option ${show(tokens[i]!)}. Usage: ${SETUP_USAGE}, e.g. /study setup time 09:00 tz Europe/Berlin days mon-fri.`);
    }
    if (key === 'time') out.postTime = parseTime(value);
    else if (key === 'tz') out.timezone = parseZone(value);
    else out.days = parseDays(value);
  }
  return out;
}
