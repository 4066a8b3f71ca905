import type { Group, PostKind, ScheduleSettings, Store } from '../ports.js';
import { upcomingSlots } from './slots.js';

/** Saves a group's schedule (setting it up, or changing it) and computes its next slots. */
export async function applySetup(store: Store, groupId: number, settings: ScheduleSettings, now: Date): Promise<{ next: { kind: PostKind; at: Date }[]; wasSetUp: boolean }> {
  const { lastPosted, setupAt } = await store.groupSchedule(groupId);
  const next = upcomingSlots(settings, now, lastPosted);
  await store.setupGroup(groupId, settings, now, next);
  return { next, wasSetUp: setupAt !== null };
}

/** Unpauses a group from `now` on: what was due while it was paused is not posted. */
export async function applyResume(store: Store, group: Group, now: Date): Promise<{ kind: PostKind; at: Date }[]> {
  const { lastPosted } = await store.groupSchedule(group.id);
  const next = upcomingSlots({ timezone: group.timezone, postTime: group.postTime, days: group.days }, now, lastPosted);
  await store.resumeGroup(group.id, next);
  return next;
}
