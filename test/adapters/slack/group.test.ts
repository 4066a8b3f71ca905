import { describe, expect, it } from 'vitest';
import { questionById } from '../../../src/core/content/index.js';
import { rowCounts } from '../../support/databases.js';
import { useHarness } from '../../support/harness.js';
import type { FakeUser } from './fake-slack.js';
import { buttonsOf, textOf } from './slack-driver.js';
import { ADA, GRACE, LINUS, MARGARET, useSlackApp } from './use-slack-app.js';

describe('Slack end to end: goals, leaderboard, organisers, App Home', () => {
  const h = useHarness('pglite');
  const s = useSlackApp(h);

  it('sets, ticks and lists weekly goals; a bad goal gets a clear message and records nothing', async () => {
    let reply = await s.driver.commandReply(ADA, '/goal', 'set Finish the serving lesson and its mini task');
    expect(textOf(reply.body)).toContain('Goal added.');
    expect(textOf(reply.body)).toContain('⬜ 1. Finish the serving lesson and its mini task');
    reply = await s.driver.commandReply(ADA, '/goal', 'done');
    expect(textOf(reply.body)).toContain('✅ Done: Finish the serving lesson');
    reply = await s.driver.commandReply(ADA, '/study', 'goal list');
    expect(textOf(reply.body)).toContain('1 of 1 done.');
    reply = await s.driver.commandReply(ADA, '/goal', 'set x');
    expect(textOf(reply.body)).toMatch(/⚠️ A goal is 3 to 200 characters.*_\(GOAL_TEXT_LENGTH\)_/s);
    expect((await rowCounts(h.db)).weekly_goals).toBe(1);
  });

  /** Plays a quiz of `count` questions, answering `right` of them correctly. */
  async function quiz(user: FakeUser, count: number, right: number) {
    let reply = await s.driver.commandReply(user, '/quiz', String(count));
    for (let i = 0; i < count; i++) {
      const buttons = buttonsOf(reply.body);
      const [, sessionId, index] = buttons[0]!.value.split(':');
      const q = questionById(h.content, (await h.store.getSession(sessionId!))!.questionIds[Number(index)]!)!;
      const pick = buttons.find((b) => (i < right ? b.value.endsWith(`:${q.answer}`) : !b.value.endsWith(`:${q.answer}`)))!;
      reply = await s.driver.clickReply(user, pick);
    }
  }

  it('ranks three members on the leaderboard by their Slack display names', async () => {
    await quiz(ADA, 3, 3);
    await quiz(GRACE, 2, 1);
    await quiz(LINUS, 2, 2);
    const board = textOf((await s.driver.commandReply(LINUS, '/leaderboard')).body);
    expect(board).toContain('Leaderboard · ');
    const group = await h.store.ensureGroup('slack', 'T0STUDY', 'C0GROUP');
    const ranking = await h.store.leaderboard(group.id, null, null, 10);
    expect(ranking.map((r) => r.displayName).sort()).toEqual(['Ada', 'Grace', 'Linus']);
    const lines = board.split('\n').filter((l) => /pts$/.test(l));
    expect(lines).toEqual(ranking.map((r, i) => `${['🥇', '🥈', '🥉'][i]} ${r.displayName} · *${r.points}* pts`));
  });

  it('marks workspace admins and SLACK_ADMIN_IDS as organisers, from one cached users.info per member', async () => {
    for (const user of [ADA, GRACE, MARGARET, ADA, GRACE]) await s.driver.commandReply(user, '/study', 'status');
    expect(s.invocations.map((i) => [i.actor.displayName, i.organiser])).toEqual([
      ['Ada', false],
      ['Grace', true],
      ['Margaret', true],
      ['Ada', false],
      ['Grace', true],
    ]);
    expect(s.fake.callsTo('users.info').map((c) => c.args.user)).toEqual([ADA.id, GRACE.id, MARGARET.id]);
  });

  it('falls back to the payload name when users.info fails', async () => {
    s.fake.failNext('users.info', { error: 'missing_scope' });
    await s.driver.commandReply(ADA, '/progress');
    expect(s.invocations[0]).toMatchObject({ actor: { displayName: 'ada' }, organiser: false });
  });

  it('publishes the member’s progress on the App Home tab, once per event even when Slack retries it', async () => {
    await quiz(ADA, 1, 1);
    const event = { type: 'app_home_opened', user: ADA.id, channel: 'D0ADA', tab: 'home', event_ts: `${Date.now() / 1000}` };
    expect((await s.driver.event(event, { eventId: 'Ev0HOME' })).status).toBe(200);
    const published = await s.fake.apiCall('views.publish');
    expect(published.args.user_id).toBe(ADA.id);
    expect(published.args.view.type).toBe('home');
    expect(textOf(published.args.view)).toContain('Progress · Ada');
    expect(textOf(published.args.view)).toContain('*Accuracy per skill*');
    expect((await s.driver.event(event, { eventId: 'Ev0HOME', retryNum: 1 })).status).toBe(200);
    await s.adapter.stop(); // waits for work in flight
    expect(s.fake.callsTo('views.publish')).toHaveLength(1);
  });

  it('ignores the Messages tab of App Home', async () => {
    expect((await s.driver.event({ type: 'app_home_opened', user: ADA.id, channel: 'D0ADA', tab: 'messages', event_ts: '1.2' })).status).toBe(200);
    await s.adapter.stop();
    expect(s.fake.callsTo('views.publish')).toEqual([]);
  });
});
