import { message, text, type CoreDeps } from '../command.js';
import type { Group } from '../ports.js';
import { GOALS_PER_WEEK } from '../scoring.js';
import { isoWeek } from '../time.js';
import type { Block, MessageReply } from '../types.js';
import { goalsByMember, nameList, ROSTER_MAX, rosterSince } from './roster.js';

/** Members whose goals are listed one by one; the rest are counted. */
const DETAILED = 10;
const NUDGED = 20;

/** The daily weekly-goal reminder: who set which goals this week and how far they are; a nudge to the others. */
export async function buildReminderPost(deps: CoreDeps, group: Group, slot: Date): Promise<MessageReply> {
  const { store } = deps;
  const roster = await store.groupRoster(group.id, rosterSince(slot), ROSTER_MAX);
  const goals = await goalsByMember(store, roster, slot, group.timezone);
  const withGoals = roster.filter((m) => (goals.get(m.memberId)?.length ?? 0) > 0);
  const without = roster.filter((m) => !goals.has(m.memberId));

  const blocks: Block[] = [];
  if (withGoals.length > 0) {
    const progress = withGoals.map((m) => {
      const list = goals.get(m.memberId)!;
      return { m, list, done: list.filter((g) => g.done).length };
    });
    blocks.push({
      type: 'bars',
      title: 'Goals done so far',
      bars: progress.slice(0, DETAILED).map((p) => ({ label: p.m.displayName, value: p.done, max: p.list.length })),
    });
    for (const p of progress.slice(0, DETAILED)) {
      blocks.push(text(`**${p.m.displayName}** · ${p.done} of ${p.list.length}\n${p.list.map((g) => `- ${g.done ? '✅' : '⬜'} ${g.text}`).join('\n')}`));
    }
    if (progress.length > DETAILED) blocks.push(text(`_…and ${progress.length - DETAILED} more members with goals._`));
  }
  if (without.length > 0) {
    blocks.push(text(`**No goals yet this week:** ${nameList(without.map((m) => m.displayName), NUDGED)}. Pick one thing you will finish by Sunday: /goal set <text>`));
  }
  if (roster.length === 0) {
    blocks.push(text('Nobody has studied here in the last four weeks. Start with /quiz, then set a goal for the week: /goal set <text>'));
  }
  blocks.push(text(`_Up to ${GOALS_PER_WEEK} goals a week: /goal set <text> · /goal done <n> · /goal list_`));
  return message(blocks, `Weekly goals · ${isoWeek(slot, group.timezone)}`, 'channel');
}
