import { oneOf, words } from '../args.js';
import { message, text, type Command } from '../command.js';
import { periodRange } from '../time.js';

const TOP = 10;
const MEDALS = ['🥇', '🥈', '🥉'];

export const leaderboardCommand: Command = {
  name: 'leaderboard',
  usage: '/leaderboard [week|month|all]',
  summary: 'The group’s ranking by points (default: this week, in the group’s time zone). Ties go to whoever got there first.',
  async run(ctx, args) {
    const [p] = words(args);
    const period = p ? oneOf(p, ['week', 'month', 'all'] as const, 'LEADERBOARD_PERIOD', 'The period') : 'week';
    const { from, to, label } = periodRange(period, ctx.now, ctx.group.timezone);
    const { store } = ctx.deps;
    const rows = await store.leaderboard(ctx.group.id, from, to, TOP);
    const lines = rows.map((r, i) => `${MEDALS[i] ?? `${i + 1}.`} ${r.displayName} · **${r.points}** pts`);
    const notes: string[] = [];
    if (ctx.member.hidden) {
      notes.push('You are hidden from leaderboards (/study privacy off to show yourself).');
    } else if (!rows.some((r) => r.memberId === ctx.member.id)) {
      const own = await store.rankOf(ctx.group.id, ctx.member.id, from, to);
      notes.push(own ? `You: #${own.rank} with ${own.points} pts.` : 'You have no points in this period yet: try /quiz or /drill.');
    }
    const body = rows.length > 0 ? lines.join('\n') : 'No points in this period yet. Be the first: /quiz';
    return [message([text(body), ...notes.map(text)], `Leaderboard · ${label}`)];
  },
};
