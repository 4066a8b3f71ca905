import { describe, expect, it } from 'vitest';
import { ChannelUnavailableError } from '../../../src/core/ports.js';
import type { MessageReply } from '../../../src/core/types.js';
import { rowCounts } from '../../support/databases.js';
import { useHarness } from '../../support/harness.js';
import { TEAM_ID } from './fake-slack.js';
import { buttonsOf, CHANNEL, textOf } from './slack-driver.js';
import { ADA, useSlackApp } from './use-slack-app.js';

const groupPost: MessageReply = { type: 'message', visibility: 'channel', title: 'Question of the day', blocks: [{ type: 'text', text: 'Which metric **matters** most?' }] };
const channel = { platform: 'slack' as const, workspaceId: TEAM_ID, channelId: CHANNEL };

describe('Slack delivery: retries, double clicks, rate limits, fallbacks', () => {
  const h = useHarness('pglite');
  const s = useSlackApp(h);

  it('drops a retried click (X-Slack-Retry-Num): one answer, one reply', async () => {
    const question = await s.driver.commandReply(ADA, '/quiz', '1');
    const { body, responseId } = s.driver.clickBody(ADA, buttonsOf(question.body)[0]!);
    expect((await s.driver.send(body, 'application/x-www-form-urlencoded')).status).toBe(200);
    expect((await s.driver.send(body, 'application/x-www-form-urlencoded', { retryNum: 1 })).status).toBe(200);
    await s.adapter.stop(); // waits for work in flight
    expect(s.fake.responsesTo(responseId)).toHaveLength(1);
    expect(s.invocations.filter((i) => i.kind === 'action')).toHaveLength(1);
    expect((await rowCounts(h.db)).answers).toBe(1);
  });

  it('drops a retried slash command, so it never starts a second quiz', async () => {
    const { body, responseId } = s.driver.commandBody(ADA, '/quiz', '2');
    await s.driver.send(body, 'application/x-www-form-urlencoded');
    await s.driver.send(body, 'application/x-www-form-urlencoded', { retryNum: 1 });
    await s.driver.send(body, 'application/x-www-form-urlencoded', { retryNum: 2 });
    await s.adapter.stop();
    expect(s.fake.responsesTo(responseId)).toHaveLength(1);
    expect((await rowCounts(h.db)).quiz_sessions).toBe(1);
  });

  it('records a double click once and answers both clicks the same', async () => {
    const question = await s.driver.commandReply(ADA, '/quiz', '2');
    const button = buttonsOf(question.body)[1]!;
    const [a, b] = await Promise.all([s.driver.click(ADA, button), s.driver.click(ADA, button)]);
    const [ra, rb] = await Promise.all([s.fake.responseFor(a.responseId!), s.fake.responseFor(b.responseId!)]);
    expect(textOf(ra.body)).toBe(textOf(rb.body));
    expect(textOf(ra.body)).toContain('question 2 of 2');
    expect((await rowCounts(h.db)).answers).toBe(1);
  });

  it('waits out a 429 (Retry-After) and still delivers the group post', async () => {
    s.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const started = performance.now();
    const { messageId } = await s.adapter.poster.post(channel, groupPost, 'group:daily:2026-11-25');
    console.info(`slack 429 with Retry-After: 1 → delivered after ${(performance.now() - started).toFixed(0)} ms`);
    const posts = s.fake.callsTo('chat.postMessage');
    expect(posts.map((p) => p.error ?? 'ok')).toEqual(['ratelimited', 'ok']);
    expect(s.rateLimited).toBe(1);
    expect(posts[1]!.args).toMatchObject({ channel: CHANNEL, text: 'Question of the day' });
    expect(textOf(posts[1]!.args)).toContain('Which metric *matters* most?');
    expect(messageId).toMatch(/^\d+\.\d+$/);
  });

  it.each([
    ['channel_not_found', 'not_found'],
    ['not_in_channel', 'forbidden'],
    ['missing_scope', 'forbidden'],
    ['is_archived', 'archived'],
  ])('maps %s on a group post to ChannelUnavailableError(%s)', async (error, reason) => {
    s.fake.failNext('chat.postMessage', { error });
    const failed = await s.adapter.poster.post(channel, groupPost, `k-${error}`).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ChannelUnavailableError);
    expect((failed as ChannelUnavailableError).reason).toBe(reason);
  });

  it('posts ephemerally through chat.postEphemeral when the response_url is gone', async () => {
    s.fake.failNext('response_url', { error: 'expired_url' });
    await s.driver.command(ADA, '/study', 'help');
    const post = await s.fake.apiCall('chat.postEphemeral');
    expect(post.args).toMatchObject({ channel: CHANNEL, user: ADA.id });
    expect(textOf(post.args)).toContain('/leaderboard');
  });

  it('sends a direct message when neither the response_url nor the channel works', async () => {
    s.fake.failNext('response_url', { error: 'expired_url' });
    s.fake.failNext('chat.postEphemeral', { error: 'not_in_channel' });
    await s.driver.command(ADA, '/progress');
    const dm = await s.fake.apiCall('chat.postMessage');
    expect(dm.args.channel).toBe(ADA.id);
    expect(textOf(dm.args)).toContain('Progress · Ada');
  });

  it('reports ready after auth.test and not while stopping', async () => {
    expect(await s.adapter.readiness()).toBeUndefined();
    expect(s.fake.callsTo('auth.test')).toHaveLength(1);
    await s.adapter.stop();
    expect(await s.adapter.readiness()).toMatch(/stopping/);
    const { body } = s.driver.commandBody(ADA, '/quiz', '1');
    expect((await s.driver.send(body, 'application/x-www-form-urlencoded')).status).toBe(503);
  });
});
