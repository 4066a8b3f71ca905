import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core/core.js';
import { ChannelUnavailableError, type ChannelRef } from '../../../src/core/ports.js';
import type { MessageReply } from '../../../src/core/types.js';
import { nonceFor } from '../../../src/adapters/discord/poster.js';
import { CHANNEL_ID, GUILD_ID } from './fake/state.js';
import { startRig, textOfMessage, type Rig } from './rig.js';

const idleCore: Core = { handle: async () => [] };
const channel = (channelId = CHANNEL_ID): ChannelRef => ({ platform: 'discord', workspaceId: GUILD_ID, channelId });
const digest = (text: string): MessageReply => ({ type: 'message', visibility: 'ephemeral', title: 'Daily drill', blocks: [{ type: 'text', text }] });

describe('Discord poster (scheduled channel posts)', () => {
  let rig: Rig;
  beforeEach(async () => {
    // An HTTP-only replica still posts: the bot token is set on REST without a gateway session.
    rig = await startRig(idleCore, { gateway: false });
  });
  afterEach(async () => {
    await rig.close();
  });
  const messagesIn = (id = CHANNEL_ID) => rig.fake.state.channels.get(id)!.messages;

  it('posts a normal (never ephemeral) channel message with a nonce and enforce_nonce', async () => {
    const { messageId } = await rig.adapter.poster.post(channel(), digest('Question of the day'), 'group-1:drill:2026-11-25');
    expect(messagesIn()).toHaveLength(1);
    const [m] = messagesIn();
    expect(m!.id).toBe(messageId);
    expect(m!.nonce).toBe(nonceFor('group-1:drill:2026-11-25', 0));
    expect(m!.ephemeral).toBe(false);
    expect(textOfMessage(m!)).toBe('Daily drill\nQuestion of the day');
  });

  it('a retried post with the same idempotency key returns the first message instead of a second', async () => {
    const first = await rig.adapter.poster.post(channel(), digest('Reminder'), 'group-1:goals:2026-11-25');
    const again = await rig.adapter.poster.post(channel(), digest('Reminder'), 'group-1:goals:2026-11-25');
    const other = await rig.adapter.poster.post(channel(), digest('Reminder'), 'group-1:goals:2026-11-26');
    expect(again.messageId).toBe(first.messageId);
    expect(other.messageId).not.toBe(first.messageId);
    expect(messagesIn()).toHaveLength(2);
  });

  it('a long post split over several messages is idempotent part by part', async () => {
    const long = Array.from({ length: 90 }, (_, i) => `Line ${i} ${'x'.repeat(90)}`).join('\n\n');
    const first = await rig.adapter.poster.post(channel(), digest(long), 'group-1:digest:2026-W48');
    const parts = messagesIn().length;
    expect(parts).toBeGreaterThan(1);
    expect(new Set(messagesIn().map((m) => m.nonce)).size).toBe(parts);
    const again = await rig.adapter.poster.post(channel(), digest(long), 'group-1:digest:2026-W48');
    expect(again.messageId).toBe(first.messageId);
    expect(messagesIn()).toHaveLength(parts);
  });

  it('waits out a 429 for retry_after and then retries once, posting one message', async () => {
    rig.fake.rateLimitOnce({ method: 'POST', path: /^\/channels\/\d+\/messages$/, retryAfterSeconds: 0.25 });
    await rig.adapter.poster.post(channel(), digest('Weekly digest'), 'group-1:digest:2026-W49');
    const attempts = rig.fake.state.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/channels/'));
    expect(attempts.map((a) => a.status)).toEqual([429, 200]);
    expect(rig.rateLimited()).toBeGreaterThanOrEqual(1);
    // Not a speed check: the retry must not come before Discord's retry_after has passed.
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(250);
    expect(messagesIn()).toHaveLength(1);
  });

  it('maps unknown channel, missing access and missing permissions to ChannelUnavailableError', async () => {
    rig.fake.state.channels.set('1300000000000000002', { access: 'missing_access', messages: [] });
    rig.fake.state.channels.set('1300000000000000003', { access: 'missing_permissions', messages: [] });
    const failure = (id: string) => rig.adapter.poster.post(channel(id), digest('x'), `k:${id}`).then(() => undefined, (err: unknown) => err);
    const cases = { '1300000000000000009': 'not_found', '1300000000000000002': 'forbidden', '1300000000000000003': 'forbidden' };
    for (const [id, reason] of Object.entries(cases)) {
      const err = await failure(id);
      expect(err).toBeInstanceOf(ChannelUnavailableError);
      expect((err as ChannelUnavailableError).reason).toBe(reason);
    }
  });

  it('refuses a channel of another platform', async () => {
    await expect(rig.adapter.poster.post({ platform: 'slack', workspaceId: 'T1', channelId: 'C1' }, digest('x'), 'k')).rejects.toThrow(/slack channel/);
  });
});
