import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { questionById } from '../../src/core/content/index.js';
import type { FakeUser, ResponseUrlPost } from '../adapters/slack/fake-slack.js';
import { buttonsOf, CHANNEL, textOf } from '../adapters/slack/slack-driver.js';
import { useSlackApp } from '../adapters/slack/use-slack-app.js';
import { TARGETS } from '../support/databases.js';
import { useHarness } from '../support/harness.js';

const USERS = 50;
const QUESTIONS = 3;
const FORM = 'application/x-www-form-urlencoded';

const rowsOf = <T>(result: unknown) => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];

/**
 * 50 members answer a quiz at the same moment through the real Slack adapter, a third of them with
 * a retried delivery and a third with a double click on top: every answer is recorded once, the
 * points each member was shown are the points stored, and the leaderboard sums are exact.
 */
describe.each(TARGETS)('50 members answering at once through Slack on %s', (target) => {
  const h = useHarness(target);
  const s = useSlackApp(h);

  it('records every answer once and the leaderboard adds up to the SQL sums', async () => {
    const users: FakeUser[] = Array.from({ length: USERS }, (_, i) => ({ id: `U0M${String(i).padStart(3, '0')}`, name: `member${i}`, displayName: `Member ${String(i).padStart(2, '0')}` }));
    for (const u of users) s.fake.addUser(u);
    let shown: ResponseUrlPost[] = await Promise.all(users.map((u) => s.driver.commandReply(u, '/quiz', String(QUESTIONS))));
    const pointsShown = new Map<string, number>();
    let deliveries = 0;

    for (let q = 0; q < QUESTIONS; q++) {
      const clicks = await Promise.all(
        users.map(async (u, i) => {
          const buttons = buttonsOf(shown[i]!.body);
          const [, sessionId, index] = buttons[0]!.value.split(':');
          const question = questionById(h.content, (await h.store.getSession(sessionId!))!.questionIds[Number(index)]!)!;
          const correct = (i + q) % 3 !== 0;
          const button = buttons.find((b) => b.value.endsWith(`:${question.answer}`) === correct)!;
          const { body, responseId } = s.driver.clickBody(u, button);
          // Everyone clicks; a third also get a retried delivery (dropped before Slack's ack), another third click twice.
          const extra = i % 3 === 1 ? [s.driver.send(body, FORM, { retryNum: 1 })] : i % 3 === 2 ? [s.driver.click(u, button)] : [];
          const sent = await Promise.all([s.driver.send(body, FORM), ...extra]);
          deliveries += sent.length;
          expect(sent.every((r) => r.status === 200)).toBe(true);
          const double = (sent[1] as { responseId?: string } | undefined)?.responseId;
          const [reply] = await Promise.all([s.fake.responseFor(responseId), ...(double ? [s.fake.responseFor(double)] : [])]);
          return reply!;
        }),
      );
      for (const [i, reply] of clicks.entries()) {
        const gained = Number(/✅ \*Correct\* · \+(\d+) points/.exec(textOf(reply.body))?.[1] ?? 0);
        pointsShown.set(users[i]!.id, (pointsShown.get(users[i]!.id) ?? 0) + gained);
      }
      shown = clicks;
    }
    expect(shown.every((r) => textOf(r.body).includes('Quiz finished'))).toBe(true);

    const [answers] = rowsOf<{ n: number; distinct: number }>(await h.db.db.execute(sql`select count(*)::int as n, count(distinct (session_id, question_id))::int as distinct from answers`));
    expect(answers).toEqual({ n: USERS * QUESTIONS, distinct: USERS * QUESTIONS });

    const sums = rowsOf<{ user_id: string; answer_points: number; event_points: number }>(
      await h.db.db.execute(sql`
        select m.user_id,
          (select coalesce(sum(points), 0)::int from answers a where a.member_id = m.id) as answer_points,
          (select coalesce(sum(points), 0)::int from score_events e where e.member_id = m.id) as event_points
        from members m`),
    );
    expect(sums).toHaveLength(USERS);
    for (const row of sums) {
      expect(row.event_points, row.user_id).toBe(row.answer_points);
      expect(row.event_points, row.user_id).toBe(pointsShown.get(row.user_id));
    }

    const group = await h.store.ensureGroup('slack', 'T0STUDY', CHANNEL);
    const board = await h.store.leaderboard(group.id, null, null, USERS);
    const bySql = new Map(sums.map((r) => [r.user_id, r.event_points]));
    const withPoints = sums.filter((r) => r.event_points > 0).length;
    expect(board).toHaveLength(withPoints);
    const members = new Map(users.map((u) => [u.displayName, u.id]));
    for (const row of board) expect(row.points, row.displayName).toBe(bySql.get(members.get(row.displayName)!));
    expect(board.reduce((n, r) => n + r.points, 0)).toBe(sums.reduce((n, r) => n + r.event_points, 0));

    // The ranking members see in Slack is the same.
    const lines = textOf((await s.driver.commandReply(users[0]!, '/leaderboard', 'all')).body).split('\n').filter((l) => / pts$/.test(l));
    expect(lines).toEqual(board.slice(0, 10).map((r, i) => `${['🥇', '🥈', '🥉'][i] ?? `${i + 1}.`} ${r.displayName} · *${r.points}* pts`));
    console.info(`${target}: ${USERS} members, ${deliveries} click deliveries for ${USERS * QUESTIONS} answers: recorded ${answers!.n}, lost 0, duplicates 0, leaderboard total ${board.reduce((n, r) => n + r.points, 0)} pts = SQL`);
  });
});
