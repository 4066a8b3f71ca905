import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackPoster } from '../../../src/adapters/slack/poster.js';
import type { Poster } from '../../../src/core/ports.js';
import type { MessageReply } from '../../../src/core/types.js';
import { BOT_TOKEN, FakeSlack, TEAM_ID } from './fake-slack.js';

const post = (text: string): MessageReply => ({ type: 'message', visibility: 'channel', blocks: [{ type: 'text', text }] });
const at = (channelId: string) => ({ platform: 'slack' as const, workspaceId: TEAM_ID, channelId });

describe('Slack poster (chat.postMessage through the real WebClient)', () => {
  const fake = new FakeSlack();
  let waits: number[];
  let clock: number;
  let poster: Poster;

  beforeAll(() => fake.start());
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    waits = [];
    clock = 1_000_000;
    const client = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: fake.apiUrl, rejectRateLimitedCalls: true });
    // The clock moves only when the poster sleeps, so the waits it asks for are exact.
    const sleep = async (ms: number) => {
      waits.push(ms);
      clock += ms;
    };
    poster = createSlackPoster({ client, sleep, now: () => clock, intervalMs: 1000 });
  });

  it('keeps one message a second per channel, and channels independent', async () => {
    await Promise.all([poster.post(at('C1'), post('one'), 'a'), poster.post(at('C1'), post('two'), 'b'), poster.post(at('C2'), post('other'), 'c')]);
    expect(fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C1').map((c) => c.args.text)).toEqual(['one', 'two']);
    expect(waits).toEqual([1000]);
  });

  it('posts a key once: a retried post returns the first message', async () => {
    const first = await poster.post(at('C1'), post('daily'), 'group:1:daily:2026-11-25');
    const again = await poster.post(at('C1'), post('daily'), 'group:1:daily:2026-11-25');
    expect(again).toEqual(first);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('waits for Retry-After seconds on a 429', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 3 });
    await poster.post(at('C1'), post('digest'), 'k');
    expect(waits).toEqual([3000]);
    expect(fake.callsTo('chat.postMessage').map((c) => c.ok)).toEqual([false, true]);
  });

  it('splits a long post into messages of at most 50 blocks, spaced a second apart', async () => {
    const long: MessageReply = { type: 'message', visibility: 'channel', title: 'Weekly digest', blocks: Array.from({ length: 120 }, (_, i) => ({ type: 'text' as const, text: `Line ${i}` })) };
    const { messageId } = await poster.post(at('C1'), long, 'digest');
    const calls = fake.callsTo('chat.postMessage');
    expect(calls.map((c) => c.args.blocks.length)).toEqual([50, 50, 21]);
    expect(calls.every((c) => c.ok)).toBe(true);
    expect(waits).toEqual([1000, 1000]);
    expect(messageId).toBe(calls[0]!.result!.ts);
  });

  it('refuses a channel of another platform', async () => {
    await expect(poster.post({ platform: 'discord', workspaceId: 'g', channelId: '1' }, post('x'), 'k')).rejects.toThrow(/cannot post to discord/);
  });
});
