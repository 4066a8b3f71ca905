import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { APIInteraction } from 'discord.js';
import { parseConfig } from '../../../src/config.js';
import type { Core } from '../../../src/core/core.js';
import { createDiscordAdapter, type DiscordAdapter } from '../../../src/adapters/discord/index.js';
import { registerCommands } from '../../../src/adapters/discord/register.js';
import { createHttpServer, type HttpServer } from '../../../src/http/server.js';
import { realContent } from '../../support/harness.js';
import { startFakeDiscord, type FakeDiscord } from './fake/server.js';
import { apiMessage, APP_ID, GUILD_ID, TOKEN, type FakeMessage, type InteractionRecord } from './fake/state.js';
import { buttonInteraction, modalSubmitInteraction, slashInteraction, type FakeUser } from './fake/users.js';

export type Transport = 'gateway' | 'http';
type Json = Record<string, any>;

/** A real Ed25519 key pair, as the Discord developer portal holds one per application. */
export const keys = (() => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const hex = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');
  return { publicKeyHex: hex, privateKey };
})();

export function signRequest(body: string, privateKey: KeyObject = keys.privateKey, timestamp = String(Math.floor(Date.now() / 1000))) {
  return { 'x-signature-ed25519': sign(null, Buffer.from(timestamp + body), privateKey).toString('hex'), 'x-signature-timestamp': timestamp };
}

export interface Answer {
  record: InteractionRecord;
  /** The initial response (callback body or HTTP response body). */
  response: Json;
  /** What the member sees: the original message (unless deleted) and the follow-ups, in order. */
  messages: FakeMessage[];
}

/** Times to first response measured in this run, reported by the test files. */
export const timings: { transport: Transport; ms: number }[] = [];

export function timingSummary(transport: Transport): string {
  const ms = timings.filter((t) => t.transport === transport).map((t) => t.ms).sort((a, b) => a - b);
  if (ms.length === 0) return `${transport}: no interactions`;
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!.toFixed(1);
  return `${transport}: n=${ms.length} median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${ms.at(-1)!.toFixed(1)} ms`;
}

export interface Rig {
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  http: HttpServer;
  appUrl: string;
  logs: { level: 'info' | 'warn' | 'error'; obj: object; msg?: string }[];
  /** How often the adapter reported a rate limit from Discord. */
  rateLimited: () => number;
  commands: Json[];
  send(raw: APIInteraction, transport: Transport): Promise<Answer>;
  slash(user: FakeUser, line: string, transport: Transport): Promise<Answer>;
  click(user: FakeUser, message: FakeMessage, customId: string, transport: Transport): Promise<Answer>;
  submit(user: FakeUser, modal: Json, values: Record<string, string>, transport: Transport, message?: FakeMessage): Promise<Answer>;
  close(): Promise<void>;
}

/** Waits for the fake to report `event` for interaction `id`; fails fast instead of hanging the test. */
export function interactionEvent(fake: FakeDiscord, event: 'response' | 'callback' | 'edit', id: string): Promise<InteractionRecord> {
  return new Promise((resolve, reject) => {
    const guard = setTimeout(() => reject(new Error(`no ${event} for interaction ${id} within 5 s`)), 5000);
    const listener = (record: InteractionRecord) => {
      if (record.raw.id !== id) return;
      clearTimeout(guard);
      fake.state.off(event, listener);
      resolve(record);
    };
    fake.state.on(event, listener);
  });
}

/** The fake Discord, commands registered through the real registration, and the adapter under test. */
export async function startRig(core: Core, opts: { gateway?: boolean; publicKey?: boolean; deferAfterMs?: number; sharedFake?: FakeDiscord; start?: boolean } = {}): Promise<Rig> {
  // A second rig on a shared fake is another replica of the bot talking to the same Discord.
  const fake = opts.sharedFake ?? (await startFakeDiscord());
  const logs: Rig['logs'] = [];
  const logger = {
    info: (obj: object, msg?: string) => void logs.push({ level: 'info', obj, ...(msg ? { msg } : {}) }),
    warn: (obj: object, msg?: string) => void logs.push({ level: 'warn', obj, ...(msg ? { msg } : {}) }),
    error: (obj: object, msg?: string) => void logs.push({ level: 'error', obj, ...(msg ? { msg } : {}) }),
  };
  const parsed = parseConfig({
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_API_URL: fake.apiUrl,
    ...(opts.publicKey === false ? {} : { DISCORD_PUBLIC_KEY: keys.publicKeyHex }),
    DISCORD_GATEWAY: opts.gateway === false ? 'off' : 'on',
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const http = createHttpServer(logger);
  let rateLimited = 0;
  const adapter = createDiscordAdapter({ config: parsed.config, core, logger, http, onRateLimited: () => void rateLimited++ }, opts.deferAfterMs === undefined ? {} : { deferAfterMs: opts.deferAfterMs });
  const commands = await registerCommands({ apiUrl: fake.apiUrl, token: TOKEN, applicationId: APP_ID, guildId: GUILD_ID, skills: realContent().skills });
  if (opts.start !== false) await adapter.start();
  const port = await http.listen(0, '127.0.0.1');
  const appUrl = `http://127.0.0.1:${port}`;

  async function send(raw: APIInteraction, transport: Transport): Promise<Answer> {
    const record = fake.state.deliver(raw);
    if (transport === 'gateway') {
      const responded = interactionEvent(fake, 'response', raw.id);
      if (fake.gateway.dispatch('INTERACTION_CREATE', raw) === 0) throw new Error('no gateway session to deliver to');
      await responded;
    } else {
      const body = JSON.stringify(raw);
      const res = await fetch(`${appUrl}/discord/interactions`, { method: 'POST', headers: { 'content-type': 'application/json', ...signRequest(body) }, body });
      if (res.status !== 200) throw new Error(`HTTP interaction answered ${res.status}: ${await res.text()}`);
      fake.state.acknowledge(raw.id, raw.token, (await res.json()) as Json);
    }
    timings.push({ transport, ms: record.firstResponseMs! });
    await adapter.idle();
    return { record, response: record.response!, messages: fake.state.visible(raw.id) };
  }

  return {
    fake,
    adapter,
    rateLimited: () => rateLimited,
    http,
    appUrl,
    logs,
    commands,
    send,
    slash: (user, line, transport) => send(slashInteraction(user, commands, line), transport),
    click: (user, message, customId, transport) => send(buttonInteraction(user, apiMessage(message), customId), transport),
    submit: (user, modal, values, transport, message) => send(modalSubmitInteraction(user, modal, values, message ? apiMessage(message) : undefined), transport),
    async close() {
      await adapter.stop();
      await http.close();
      if (!opts.sharedFake) await fake.close();
    },
  };
}

/** Every visible text of a message: embed titles, descriptions, fields and button labels. */
export function textOfMessage(m: FakeMessage): string {
  const embeds: Json[] = m.body.embeds ?? [];
  const parts = embeds.flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).map((f: Json) => `${f.name}: ${f.value}`)]);
  const labels = ((m.body.components ?? []) as Json[]).flatMap((row) => (row.components as Json[]).map((b) => b.label));
  return [...parts, ...labels].filter(Boolean).join('\n');
}

export const textOfAnswer = (a: Answer) => a.messages.map(textOfMessage).join('\n');

export function buttonsOf(m: FakeMessage): { label: string; customId: string }[] {
  return ((m.body.components ?? []) as Json[]).flatMap((row) => (row.components as Json[]).map((b) => ({ label: b.label as string, customId: b.custom_id as string })));
}

/** The last message of an answer that has buttons (the question to click on). */
export function lastWithButtons(a: Answer): FakeMessage | undefined {
  return [...a.messages].reverse().find((m) => buttonsOf(m).length > 0);
}
