import { readFileSync } from 'node:fs';
import { PermissionFlagsBits, REST } from 'discord.js';
import { webApi } from '@slack/bolt';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createDiscordPoster } from '../../src/adapters/discord/poster.js';
import { createSlackPoster } from '../../src/adapters/slack/poster.js';
import type { ChannelRef, Poster, Store } from '../../src/core/ports.js';
import type { MessageReply } from '../../src/core/types.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { CHANNEL_ID, GUILD_ID, TOKEN } from '../adapters/discord/fake/state.js';
import { fakeUser } from '../adapters/discord/fake/users.js';
import { startRig, type Rig } from '../adapters/discord/rig.js';
import { BOT_TOKEN, TEAM_ID, type FakeSlack } from '../adapters/slack/fake-slack.js';
import { CHANNEL } from '../adapters/slack/slack-driver.js';
import { GRACE, useSlackApp } from '../adapters/slack/use-slack-app.js';
import { recordingLogger } from '../scheduler/kit.js';
import { seeded, useHarness, type Harness } from '../support/harness.js';

/**
 * A scheduled post the platform accepted but the bot never recorded (a lost answer, a crash, a
 * database blip) is retried after its claim's lease; the retry finds the post on the platform
 * instead of posting it twice. Without the retry hint the same post would appear twice: the gap.
 */

const MINUTE = 60_000;
const THURSDAY = '2026-11-26T09:00:00Z';

type Row = { kind: string; attempts: number; message_id: string | null; completed_at: Date | null };
async function deliveries(h: Harness): Promise<Row[]> {
  const result = await h.db.db.execute(sql`select kind, attempts, message_id, completed_at from scheduled_deliveries order by kind`);
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Row[];
}

function schedulerOn(h: Harness, posters: Partial<Record<'slack' | 'discord', Poster>>, store: Store = h.store) {
  const logger = recordingLogger();
  const scheduler = createScheduler({ store, content: h.content, clock: h.clock, random: seeded(3), logger, posters, options: { leaseMs: 5 * MINUTE } });
  return { scheduler, logger };
}

const post = (text: string, blocks = 1): MessageReply => ({
  type: 'message',
  visibility: 'channel',
  title: 'Weekly digest',
  blocks: Array.from({ length: blocks }, (_, i) => ({ type: 'text' as const, text: `${text} ${i}` })),
});

/** A poster as a freshly started process has it: nothing remembered from before the crash. */
const freshSlackPoster = (fake: FakeSlack, logger = recordingLogger()) =>
  createSlackPoster({ client: new webApi.WebClient(BOT_TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logLevel: webApi.LogLevel.ERROR }), sleep: async () => {}, intervalMs: 0, logger });

describe('a retried Slack group post is found through its message metadata', () => {
  const h = useHarness('pglite');
  const s = useSlackApp(h, { postIntervalMs: 0 });
  const channel: ChannelRef = { platform: 'slack', workspaceId: TEAM_ID, channelId: CHANNEL };

  it('Slack accepted the drill but the answer was lost: after the lease it is found, not posted again', async () => {
    await s.driver.command(GRACE, '/study', 'setup time 09:00 tz UTC days mon-fri');
    await s.fake.apiCall('chat.postMessage'); // "This channel is now a study group", for everyone to see
    s.fake.channels.clear();
    s.fake.calls.length = 0;
    const { scheduler } = schedulerOn(h, { slack: s.adapter.poster });
    s.fake.failNext('chat.postMessage', { lost: true });
    h.clock.set(THURSDAY);
    expect(await scheduler.tick()).toMatchObject({ posted: 1, failed: 1 });
    expect(s.fake.messagesIn(CHANNEL)).toHaveLength(2); // the drill (its answer lost) and the reminder

    h.clock.advance(6 * MINUTE);
    expect(await scheduler.tick()).toMatchObject({ posted: 1, failed: 0 });
    const messages = s.fake.messagesIn(CHANNEL);
    expect(messages.map((m) => m.text)).toEqual([expect.stringContaining('Daily drill'), expect.stringContaining('Weekly goals')]);
    expect(s.fake.callsTo('chat.postMessage')).toHaveLength(2);
    expect(s.fake.callsTo('conversations.history')).toHaveLength(1);
    const drill = (await deliveries(h)).find((d) => d.kind === 'drill')!;
    expect(drill).toMatchObject({ attempts: 2, message_id: messages[0]!.ts });
    expect(drill.completed_at).not.toBeNull();
  });

  it('a fresh process retrying a post finds it; without the retry hint it would post it twice', async () => {
    const first = await freshSlackPoster(s.fake).post(channel, post('Digest'), 'g1:w:abc');
    const retried = await freshSlackPoster(s.fake).post(channel, post('Digest'), 'g1:w:abc', { retry: true });
    expect(retried).toEqual(first);
    expect(s.fake.messagesIn(CHANNEL)).toHaveLength(1);
    await freshSlackPoster(s.fake).post(channel, post('Digest'), 'g1:w:abc');
    expect(s.fake.messagesIn(CHANNEL)).toHaveLength(2);
  });

  it('a long post cut off part-way: the retry posts only the missing parts', async () => {
    const long = post('Line', 120); // three messages of at most 50 blocks
    const poster = freshSlackPoster(s.fake);
    // Two parts reach Slack; the process dies waiting for the answer to the second.
    s.fake.holdWhen = (call) => call.method === 'chat.postMessage' && call.args.metadata?.event_payload?.part === 1;
    void poster.post(channel, long, 'g1:w:long').catch(() => undefined);
    await s.fake.waitFor(() => s.fake.held[0], 'the second part');
    expect(s.fake.messagesIn(CHANNEL).map((m) => m.metadata?.event_payload.part)).toEqual([0, 1]);
    s.fake.holdWhen = () => false;

    const { messageId } = await freshSlackPoster(s.fake).post(channel, long, 'g1:w:long', { retry: true });
    const parts = s.fake.messagesIn(CHANNEL).map((m) => m.metadata?.event_payload.part);
    expect(parts).toEqual([0, 1, 2]);
    expect(messageId).toBe(s.fake.messagesIn(CHANNEL)[0]!.ts);
  });

  it('both Slack app manifests request the read scopes the lookup needs', () => {
    for (const file of ['slack/manifest.yml', 'slack/manifest.socket-mode.yml']) {
      const scopes = (parse(readFileSync(file, 'utf8')) as { oauth_config: { scopes: { bot: string[] } } }).oauth_config.scopes.bot;
      expect(scopes, file).toEqual(expect.arrayContaining(['channels:history', 'groups:history']));
    }
  });

  it('without channels:history the retry cannot look: it says so and posts again (at least once, never lost)', async () => {
    await freshSlackPoster(s.fake).post(channel, post('Reminder'), 'g1:r:x');
    s.fake.scopes.delete('channels:history');
    const logger = recordingLogger();
    await freshSlackPoster(s.fake, logger).post(channel, post('Reminder'), 'g1:r:x', { retry: true });
    expect(s.fake.messagesIn(CHANNEL)).toHaveLength(2);
    expect(logger.lines.map((l) => [l.level, l.msg])).toEqual([['warn', expect.stringContaining('could not read the channel')]]);
  });
});

describe('a retried Discord group post is found through its footer marker', () => {
  const h = useHarness('pglite');
  let rig: Rig;
  afterEach(async () => {
    await rig.close();
  });
  const channel: ChannelRef = { platform: 'discord', workspaceId: GUILD_ID, channelId: CHANNEL_ID };
  const freshPoster = () => createDiscordPoster(new REST({ api: rig.fake.apiUrl }).setToken(TOKEN), recordingLogger());
  const messagesIn = () => rig.fake.state.channels.get(CHANNEL_ID)!.messages;

  it('posted, then the database went away before it was recorded: after the lease and the nonce window it is found', async () => {
    rig = await startRig(h.core, { gateway: false });
    await rig.slash(fakeUser('Mentor', PermissionFlagsBits.ManageChannels), '/study setup time:09:00 tz:UTC days:mon-fri', 'http');
    const lostRecord: Store = { ...h.store, completeSlot: async () => Promise.reject(new Error('Connection terminated unexpectedly')) };
    const first = schedulerOn(h, { discord: rig.adapter.poster }, lostRecord);
    h.clock.set(THURSDAY);
    expect(await first.scheduler.tick()).toMatchObject({ posted: 0, failed: 2 });
    const markers = () => messagesIn().map((m) => m.body.embeds.at(-1).footer.text as string);
    const posted = markers();
    expect(posted.length).toBeGreaterThanOrEqual(2); // the drill (in one or more messages) and the reminder
    expect(new Set(posted).size).toBe(posted.length);

    rig.fake.state.nonceWindowMs = 0; // minutes later Discord no longer matches the nonce
    h.clock.advance(6 * MINUTE);
    const second = schedulerOn(h, { discord: rig.adapter.poster });
    expect(await second.scheduler.tick()).toMatchObject({ posted: 2, failed: 0 });
    expect(markers()).toEqual(posted);
    const rows = await deliveries(h);
    expect(rows.map((r) => [r.kind, r.attempts])).toEqual([
      ['drill', 2],
      ['reminder', 2],
    ]);
    // Each recorded id is the first message of that post.
    const firstParts = messagesIn().filter((m) => m.body.embeds.at(-1).footer.text.endsWith('/0'));
    expect(new Set(rows.map((r) => r.message_id))).toEqual(new Set(firstParts.map((m) => m.id)));
    expect(rig.fake.state.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/messages'))).toHaveLength(2);
  });

  it('a fresh process retrying a post finds it; without the retry hint, past the nonce window, it would post it twice', async () => {
    rig = await startRig(h.core, { gateway: false });
    const first = await freshPoster().post(channel, post('Digest'), 'g1:w:abc');
    rig.fake.state.nonceWindowMs = 0;
    expect(await freshPoster().post(channel, post('Digest'), 'g1:w:abc', { retry: true })).toEqual(first);
    expect(messagesIn()).toHaveLength(1);
    expect(messagesIn()[0]!.body.embeds.at(-1).footer).toEqual({ text: 'ref g1:w:abc/0' });
    await freshPoster().post(channel, post('Digest'), 'g1:w:abc');
    expect(messagesIn()).toHaveLength(2);
  });

  it('a long post split over messages: the retry posts only the parts not found', async () => {
    rig = await startRig(h.core, { gateway: false });
    const long = post(`Line ${'x'.repeat(90)}`, 200); // four messages
    rig.fake.state.holdWhen = (method) => method === 'POST' && messagesIn().length === 2;
    const held = new Promise((resolve) => rig.fake.state.once('held', resolve));
    void freshPoster().post(channel, long, 'g1:w:long').catch(() => undefined);
    await held;
    rig.fake.state.holdWhen = () => false;
    rig.fake.state.nonceWindowMs = 0;
    const { messageId } = await freshPoster().post(channel, long, 'g1:w:long', { retry: true });
    const markers = messagesIn().map((m) => m.body.embeds.at(-1).footer.text);
    expect(markers.length).toBeGreaterThan(2);
    expect(new Set(markers).size).toBe(markers.length);
    expect(markers.slice(0, 2)).toEqual(['ref g1:w:long/0', 'ref g1:w:long/1']);
    expect(messageId).toBe(messagesIn()[0]!.id);
  });
});
