import { isNumber, oneOf, parseIntArg, words } from '../args.js';
import { message, text, type Command, type Ctx } from '../command.js';
import type { Goal } from '../ports.js';
import { GOALS_PER_WEEK } from '../scoring.js';
import { isoWeek, localDay } from '../time.js';
import { UserError, type Reply } from '../types.js';

export const GOAL_MIN = 3;
export const GOAL_MAX = 200;

function listReply(week: string, goals: Goal[], note?: string): Reply {
  const lines = goals.map((g, i) => `${g.doneAt ? '✅' : '⬜'} ${i + 1}. ${g.text}`);
  const done = goals.filter((g) => g.doneAt).length;
  const body = goals.length > 0 ? `${lines.join('\n')}\n\n${done} of ${goals.length} done.` : 'No goals yet this week. Add one with /goal set <text>.';
  return message([...(note ? [text(note)] : []), text(body)], `Weekly goals · ${week}`);
}

function pick(goals: Goal[], n: string | undefined, fallback: (g: Goal) => boolean): Goal {
  if (goals.length === 0) throw new UserError('GOAL_NONE', 'You have no goals this week. Add one with /goal set <text>.');
  if (n === undefined) {
    const g = goals.find(fallback);
    if (!g) throw new UserError('GOAL_ALL_DONE', 'Every goal this week is already done. Add another with /goal set <text>.');
    return g;
  }
  const index = parseIntArg(n, 1, goals.length, 'GOAL_NUMBER', 'The goal number');
  return goals[index - 1]!;
}

async function run(ctx: Ctx, args: string): Promise<Reply[]> {
  const { store } = ctx.deps;
  const week = isoWeek(ctx.now, ctx.zone);
  const day = localDay(ctx.now, ctx.zone);
  const [first, ...rest] = words(args);
  if (!first) return [listReply(week, await store.listGoals(ctx.member.id, week))];
  const sub = oneOf(first, ['set', 'add', 'done', 'list', 'clear'] as const, 'GOAL_SUBCOMMAND', 'The goal command');
  const goals = await store.listGoals(ctx.member.id, week);
  // `/goal clear all` is what people type to clear the week; it means the same as a bare `/goal clear`.
  const n = sub === 'clear' && rest.length === 1 && rest[0]!.toLowerCase() === 'all' ? undefined : rest[0];
  if ((sub === 'done' || sub === 'clear') && (rest.length > 1 || (n !== undefined && !isNumber(n)))) {
    throw new UserError('GOAL_NUMBER', `Use /goal ${sub} <number> with a number from /goal list.`);
  }
  switch (sub) {
    case 'list':
      return [listReply(week, goals)];
    case 'set':
    case 'add': {
      const goalText = rest.join(' ');
      if (goalText.length < GOAL_MIN || goalText.length > GOAL_MAX) {
        throw new UserError('GOAL_TEXT_LENGTH', `A goal is ${GOAL_MIN} to ${GOAL_MAX} characters, e.g. /goal set Finish the serving lesson and its mini task.`);
      }
      const added = await store.addGoal(ctx.member.id, week, goalText, ctx.now, day, GOALS_PER_WEEK);
      if (added.full) throw new UserError('GOAL_LIMIT', `You already have ${GOALS_PER_WEEK} goals this week. Finish or clear one first (/goal clear <number>).`);
      const note = added.duplicate ? 'You already have that goal this week.' : 'Goal added.';
      return [listReply(week, await store.listGoals(ctx.member.id, week), note)];
    }
    case 'done': {
      const goal = pick(goals, n, (g) => !g.doneAt);
      if (!goal.doneAt) await store.setGoalDone(goal.id, ctx.now, day);
      return [listReply(week, await store.listGoals(ctx.member.id, week), `✅ Done: ${goal.text}`)];
    }
    case 'clear': {
      if (n === undefined) {
        await store.deleteGoals(goals.map((g) => g.id));
        return [listReply(week, [], goals.length > 0 ? `Cleared ${goals.length} goal${goals.length === 1 ? '' : 's'}.` : undefined)];
      }
      const goal = pick(goals, n, () => true);
      await store.deleteGoals([goal.id]);
      return [listReply(week, await store.listGoals(ctx.member.id, week), `Cleared: ${goal.text}`)];
    }
  }
}

export const goalCommand: Command = {
  name: 'goal',
  usage: '/goal set <text> · /goal done [n] · /goal list · /goal clear [n|all]',
  summary: `Weekly goals (up to ${GOALS_PER_WEEK}), in your own time zone's ISO week.`,
  run,
};
