import type { Store } from '../../core/ports.js';
import { applySetup } from '../../core/schedule/apply.js';
import { isValidTimezone } from '../../core/time.js';
import { CONSOLE_CHANNEL, CONSOLE_WORKSPACE } from './session.js';

/**
 * Gives the console's local study group a schedule the first time the bot runs (09:00 Mon–Fri in
 * this machine's time zone), so a newcomer sees drills appear; /study setup changes it later.
 */
export async function scheduleLocalGroup(store: Store, now: Date, zone = Intl.DateTimeFormat().resolvedOptions().timeZone): Promise<void> {
  const group = await store.ensureGroup('console', CONSOLE_WORKSPACE, CONSOLE_CHANNEL);
  const { setupAt } = await store.groupSchedule(group.id);
  if (setupAt) return;
  await applySetup(store, group.id, { timezone: isValidTimezone(zone) ? zone : 'UTC', postTime: group.postTime, days: group.days }, now);
}
