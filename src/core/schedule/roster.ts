import type { RosterMember, Store } from '../ports.js';
import { isoWeek } from '../time.js';

export type MemberGoals = Map<number, { text: string; done: boolean }[]>;

/** How far back studying in a group makes a member part of its reminders and digests. */
export const ROSTER_DAYS = 28;
export const ROSTER_MAX = 50;

export const rosterSince = (at: Date) => new Date(at.getTime() - ROSTER_DAYS * 86_400_000);

/** Each member's goals for the ISO week that contains `at` in their own zone (the group's when unset). */
export async function goalsByMember(store: Store, roster: RosterMember[], at: Date, groupZone: string): Promise<MemberGoals> {
  const byWeek = new Map<string, number[]>();
  for (const m of roster) {
    const week = isoWeek(at, m.timezone ?? groupZone);
    byWeek.set(week, [...(byWeek.get(week) ?? []), m.memberId]);
  }
  const goals: MemberGoals = new Map();
  for (const [week, ids] of byWeek) {
    for (const g of await store.goalsOf(ids, week)) goals.set(g.memberId, [...(goals.get(g.memberId) ?? []), { text: g.text, done: g.done }]);
  }
  return goals;
}

/** `Ada, Bob and 3 more` */
export function nameList(names: string[], max: number): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}
