import { once } from 'node:events';
import { Events, GatewayIntentBits, type Interaction } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../../src/adapters/discord/index.js';
import { parseConfig } from '../../../src/config.js';
import type { Core } from '../../../src/core/core.js';
import { createHttpServer } from '../../../src/http/server.js';
import { startFakeDiscord } from './fake/server.js';
import { APP_ID } from './fake/state.js';
import { fakeUser, slashInteraction } from './fake/users.js';
import { startRig, type Rig } from './rig.js';

const okCore: Core = { handle: async () => [{ type: 'message', visibility: 'ephemeral', blocks: [{ type: 'text', text: 'ok' }] }] };

describe('Discord gateway connection', () => {
  let rig: Rig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('identifies with the Guilds intent only, at the URL from GET /gateway/bot', async () => {
    rig = await startRig(okCore);
    expect(rig.fake.gateway.identifies).toEqual([{ intents: GatewayIntentBits.Guilds, token: 'fake-bot-token' }]);
    expect(rig.fake.state.requests.some((r) => r.method === 'GET' && r.path === '/gateway/bot')).toBe(true);
    expect(rig.adapter.client.ws.gateway).toBe(`${rig.fake.apiUrl.replace('http://', 'ws://').replace('/api', '')}/`);
    expect(await rig.adapter.readiness()).toBeUndefined();
  });

  it('keeps the session alive: heartbeats are sent and acknowledged', async () => {
    rig = await startRig(okCore);
    const acknowledged = new Promise<void>((resolve) => {
      rig!.adapter.client.on(Events.Debug, (line) => {
        if (line.includes('Heartbeat acknowledged')) resolve();
      });
    });
    await acknowledged;
    expect(rig.fake.gateway.heartbeats).toBeGreaterThan(0);
    expect(rig.adapter.client.ws.ping).toBeGreaterThanOrEqual(0);
  });

  it('discord.js itself parses the dispatched interaction (the payloads are well formed)', async () => {
    rig = await startRig(okCore);
    const parsed = once(rig.adapter.client, Events.InteractionCreate) as Promise<[Interaction]>;
    const answer = await rig.slash(fakeUser('Ada'), '/quiz skill:serving count:3', 'gateway');
    const [interaction] = await parsed;
    expect(interaction.isChatInputCommand() && interaction.options.getInteger('count')).toBe(3);
    expect(interaction.isChatInputCommand() && interaction.options.getString('skill')).toBe('serving');
    expect(answer.response.type).toBe(4);
  });

  it('reports not ready while the connection is down, and resumes the session', async () => {
    rig = await startRig(okCore);
    const { client } = rig.adapter;
    const reconnecting = once(client, Events.ShardReconnecting);
    const resumed = once(client, Events.ShardResume);
    rig.fake.gateway.drop();
    await reconnecting;
    expect(await rig.adapter.readiness()).toBe('discord gateway not connected');
    await resumed;
    expect(rig.fake.gateway.resumes).toBe(1);
    expect(await rig.adapter.readiness()).toBeUndefined();
    expect((await rig.slash(fakeUser('Ada'), '/progress', 'gateway')).response.type).toBe(4);
  });

  it('is not ready before start() and while stopping', async () => {
    rig = await startRig(okCore, { start: false });
    expect(await rig.adapter.readiness()).toBe('discord gateway not connected');
    await rig.adapter.stop();
    expect(await rig.adapter.readiness()).toBe('discord adapter is stopping');
  });

  it('with DISCORD_GATEWAY=off opens no gateway connection and is ready over HTTP alone', async () => {
    rig = await startRig(okCore, { gateway: false });
    expect(rig.fake.gateway.connections).toBe(0);
    expect(rig.fake.state.requests.some((r) => r.path === '/gateway/bot')).toBe(false);
    expect(await rig.adapter.readiness()).toBeUndefined();
    const answer = await rig.slash(fakeUser('Ada'), '/progress', 'http');
    expect(answer.response.type).toBe(4);
  });

  it('a wrong token stops start() with Discord’s answer instead of retrying forever', async () => {
    const fake = await startFakeDiscord();
    const parsed = parseConfig({ DISCORD_TOKEN: 'not-the-token', DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.apiUrl });
    if (!parsed.ok) throw new Error(parsed.errors.join());
    const logger = { info() {}, warn() {}, error() {} };
    const adapter = createDiscordAdapter({ config: parsed.config, core: okCore, logger, http: createHttpServer(logger) });
    await expect(adapter.start()).rejects.toThrow('An invalid token was provided.');
    expect(fake.gateway.connections).toBe(0);
    await adapter.stop();
    await fake.close();
  });
});
