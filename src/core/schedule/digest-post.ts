import { DateTime } from 'luxon';
import { message, text, type CoreDeps } from '../command.js';
import type { Group } from '../ports.js';
import { currentStreak, GOALS_PER_WEEK } from '../scoring.js';
import { addDays, isoWeek, localDay } from '../time.js';
import type { Block, MessageReply } from '../types.js';
import { describeDays } from './kinds.js';
import { goalsByMember, nameList, ROSTER_MAX, rosterSince } from './roster.js';

const TOP = 10;
const STREAK_LEADERS = 5;
/** Streaks longer than this show as "60+ days". */
const STREAK_LOOKBACK_DAYS = 60;
const MEDALS = ['🥇', '🥈', '🥉'];
const WEEK_MS = 7 * 86_400_000;

/** The weekly digest, posted on the group's first scheduled day of the ISO week: last week in review and a call to set goals. */
export async function buildDigestPost(deps: CoreDeps, group: Group, slot: Date): Promise<MessageReply> {
  const { store } = deps;
  const zone = group.timezone;
  const thisWeek = DateTime.fromJSDate(slot, { zone }).startOf('week');
  const lastWeek = { from: thisWeek.minus({ weeks: 1 }).toJSDate(), to: thisWeek.toJSDate() };
  const lastWeekName = isoWeek(lastWeek.from, zone);

  const board = await store.leaderboard(group.id, lastWeek.from, lastWeek.to, TOP);
  const roster = await store.groupRoster(group.id, rosterSince(slot), ROSTER_MAX);
  const goals = await goalsByMember(store, roster, new Date(slot.getTime() - WEEK_MS), zone);
  const ids = roster.map((m) => m.memberId);
  const days = await store.activityDaysOf(ids, addDays(localDay(slot, zone), -STREAK_LOOKBACK_DAYS));

  const blocks: Block[] = [];
  blocks.push(
    text(
      board.length > 0
        ? `**Leaderboard ${lastWeekName}**\n${board.map((r, i) => `${MEDALS[i] ?? `${i + 1}.`} ${r.displayName} · **${r.points}** pts`).join('\n')}`
        : `**Leaderboard ${lastWeekName}**\nNo points last week. A quiz takes five minutes: /quiz`,
    ),
  );

  const all = [...goals.values()].flat();
  const finishers = roster.filter((m) => goals.has(m.memberId) && goals.get(m.memberId)!.every((g) => g.done));
  if (all.length > 0) {
    const line = `**Goals last week:** ${all.filter((g) => g.done).length} of ${all.length} done by ${goals.size} ${goals.size === 1 ? 'member' : 'members'}.`;
    blocks.push(text(finishers.length > 0 ? `${line}\nEvery goal done: ${nameList(finishers.map((m) => m.displayName), 10)} 🎉` : line));
  }

  const streaks = roster
    .map((m) => {
      const own = days.filter((d) => d.memberId === m.memberId).map((d) => d.day);
      return { name: m.displayName, streak: currentStreak(own, localDay(slot, m.timezone ?? zone)) };
    })
    .filter((s) => s.streak >= 2)
    .sort((a, b) => b.streak - a.streak || a.name.localeCompare(b.name))
    .slice(0, STREAK_LEADERS);
  if (streaks.length > 0) blocks.push(text(`**Streak leaders** 🔥\n${streaks.map((s) => `- ${s.name} · ${s.streak} days`).join('\n')}`));

  blocks.push(
    { type: 'divider' },
    text(
      `**This week:** set up to ${GOALS_PER_WEEK} goals with /goal set <text>. ` +
        `The daily drill and goal reminder come at ${group.postTime} (${zone}), ${describeDays(group.days)}.`,
    ),
  );
  return message(blocks, `Weekly digest · ${isoWeek(slot, zone)}`, 'channel');
}
