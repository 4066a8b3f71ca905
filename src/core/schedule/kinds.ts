import type { PostKind } from '../ports.js';

/** Every scheduled post kind; on a day with several, they are due at the same minute in this order. */
export const POST_KINDS: readonly PostKind[] = ['digest', 'drill', 'reminder'];

export const POST_KIND_LABEL: Record<PostKind, string> = {
  digest: 'Weekly digest',
  drill: 'Daily drill',
  reminder: 'Goal reminder',
};

/** Days as stored on a group, Monday first: index + 1 is the ISO weekday. */
export const DAY_IDS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type DayId = (typeof DAY_IDS)[number];

export const DAY_LABEL: Record<string, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/** `mon,tue,wed,thu,fri` → `Mon–Fri`; other sets are listed. */
export function describeDays(days: readonly string[]): string {
  const sorted = DAY_IDS.filter((d) => days.includes(d));
  if (sorted.length === 7) return 'every day';
  const first = DAY_IDS.indexOf(sorted[0]!);
  const contiguous = sorted.length > 2 && sorted.every((d, i) => DAY_IDS.indexOf(d) === first + i);
  if (contiguous) return `${DAY_LABEL[sorted[0]!]}–${DAY_LABEL[sorted.at(-1)!]}`;
  return sorted.map((d) => DAY_LABEL[d]).join(', ');
}
