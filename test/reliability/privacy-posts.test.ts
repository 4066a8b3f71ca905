import { describe, expect, it } from 'vitest';
import type { FakeUser } from '../adapters/slack/fake-slack.js';
import { CHANNEL, textOf } from '../adapters/slack/slack-driver.js';
import { useSlackApp } from '../adapters/slack/use-slack-app.js';
import { useHarness } from '../support/harness.js';
import { answerDailyQuestion, playQuiz, setUpGroup, slackScheduler } from './slack-study.js';

/**
 * A member who turned privacy on is named nowhere the group can see: not in /leaderboard, the
 * weekly digest (leaderboard, goals, streak leaders), the goal reminder, or the drill's answer
 * distribution, while their points still count for them. Checked in what Slack received.
 */

const HIDDEN: FakeUser = { id: 'U0QUILLON', name: 'quillon', displayName: 'Quillonia' };
const SHOWN: FakeUser = { id: 'U0VESPER', name: 'vesper', displayName: 'Vesperine' };
const HIDDEN_GOAL = 'QUILL-PRIVATE-GOAL deploy the canary';
const SHOWN_GOAL = 'Vesper finishes the monitoring lesson';
const leaks = (text: string) => [HIDDEN.displayName, HIDDEN.id, HIDDEN.name, 'QUILL-PRIVATE'].filter((n) => text.includes(n));

describe('leaderboard privacy in every post, through Slack', () => {
  const h = useHarness('pglite');
  const s = useSlackApp(h, { postIntervalMs: 0 });

  it('never names a hidden member in /leaderboard, the digest, the reminder or the drill', async () => {
    for (const u of [HIDDEN, SHOWN]) s.fake.addUser(u);
    await setUpGroup(s);
    const scheduler = slackScheduler(h, s);
    await s.driver.commandReply(HIDDEN, '/study', 'privacy on');

    // Thursday to Sunday of ISO week 48: both study every day, answer the daily questions and set goals.
    const boards: string[] = [];
    const leaderboards = async () => {
      for (const period of ['', 'week', 'month', 'all']) {
        for (const u of [SHOWN, HIDDEN]) boards.push(textOf((await s.driver.commandReply(u, '/leaderboard', period)).body));
      }
    };
    for (const day of ['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']) {
      h.clock.set(`${day}T09:00:00Z`);
      await scheduler.tick();
      h.clock.set(`${day}T10:00:00Z`);
      for (const u of [HIDDEN, SHOWN]) {
        await playQuiz(h, s, u, 1);
        if (day <= '2026-11-27') await answerDailyQuestion(h, s, u, u === SHOWN);
      }
      if (day === '2026-11-26') {
        await s.driver.commandReply(HIDDEN, '/goal', `set ${HIDDEN_GOAL}`);
        await s.driver.commandReply(SHOWN, '/goal', `set ${SHOWN_GOAL}`);
      }
    }
    await leaderboards();
    h.clock.set('2026-11-30T09:00:00Z');
    await scheduler.tick(); // Monday: weekly digest, drill (revealing Friday's answers), goal reminder
    h.clock.set('2026-11-30T10:00:00Z');
    await leaderboards();

    const posts = s.fake.messagesIn(CHANNEL).map((m) => ({ title: m.text, text: textOf(m as { blocks?: any[] }) }));
    const digest = posts.find((p) => p.title.startsWith('Weekly digest'))!;
    const reminders = posts.filter((p) => p.title.startsWith('Weekly goals'));
    const reveal = posts.find((p) => p.text.includes('How the group answered'))!;
    expect(digest.text).toContain('Vesperine · *');
    expect(digest.text).toMatch(/Streak leaders.*\n• Vesperine · \d+ days/);
    expect(reminders.some((r) => r.text.includes(SHOWN_GOAL))).toBe(true);
    // The hidden member's answer still counts in the distribution, without a name.
    expect(reveal.text).toMatch(/How the group answered: 1 of 2 correct/);
    expect(boards.filter((b) => b.includes('Vesperine')).length).toBeGreaterThan(0);
    expect(boards.some((b) => b.includes('You are hidden from leaderboards'))).toBe(true);

    for (const text of [...posts.map((p) => `${p.title}\n${p.text}`), ...boards]) expect(leaks(text), text).toEqual([]);
    // Hidden is not gone: the points still count for the member.
    expect(textOf((await s.driver.commandReply(HIDDEN, '/progress')).body)).toMatch(/\d+ points|Points/);
    console.info(`privacy in posts: ${posts.length} group posts (digest, reminders, drills with reveals) and ${boards.length} /leaderboard replies checked; hidden member named 0 times`);
  });
});
