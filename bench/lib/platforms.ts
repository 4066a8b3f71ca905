import { generateKeyPairSync, sign } from 'node:crypto';
import { SnowflakeUtil, type APIInteraction } from 'discord.js';
import { registerCommands } from '../../src/adapters/discord/register.js';
import { startFakeDiscord, type FakeDiscord } from '../../test/adapters/discord/fake/server.js';
import { apiMessage, APP_ID, CHANNEL_ID, GUILD_ID, TOKEN } from '../../test/adapters/discord/fake/state.js';
import { buttonInteraction, fakeUser, slashInteraction, type FakeUser as DiscordUser } from '../../test/adapters/discord/fake/users.js';
import { BOT_TOKEN, FakeSlack, type FakeUser as SlackUser, type ResponseUrlPost } from '../../test/adapters/slack/fake-slack.js';
import { SIGNING_SECRET, SlackDriver } from '../../test/adapters/slack/slack-driver.js';
import { benchContent } from './core-app.js';

type Json = Record<string, any>;

/**
 * The test suite's fake Slack and fake Discord, with what the app needs to talk to them, and the
 * requests a member's client would send: signed slash commands and button clicks (Slack) and
 * Ed25519-signed HTTP interactions (Discord).
 */
export class Platforms {
  readonly slack = new FakeSlack();
  discord!: FakeDiscord;
  commands: Json[] = [];
  slackUsers: SlackUser[] = [];
  discordUsers: DiscordUser[] = [];
  private driver?: SlackDriver;
  private appUrl = '';
  private readonly keys = (() => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    return { publicHex: Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex'), privateKey };
  })();
  /** response_url posts not yet claimed, by request id. */
  private responses = new Map<string, ResponseUrlPost[]>();

  async start(users: number): Promise<void> {
    await this.slack.start();
    this.discord = await startFakeDiscord();
    this.commands = await registerCommands({ apiUrl: this.discord.apiUrl, token: TOKEN, applicationId: APP_ID, guildId: GUILD_ID, skills: benchContent().skills });
    for (let i = 0; i < users; i++) {
      const user = { id: `UB${String(i).padStart(6, '0')}`, name: `member${i}`, displayName: `Member ${i}` };
      this.slack.addUser(user);
      this.slackUsers.push(user);
      this.discordUsers.push(fakeUser(`Member${i}`));
    }
  }

  /** The app's environment: both platforms over HTTP, pointed at the fakes. */
  appEnv(): Record<string, string> {
    return {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: this.slack.apiUrl,
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_PUBLIC_KEY: this.keys.publicHex,
      DISCORD_GATEWAY: 'off',
      DISCORD_API_URL: this.discord.apiUrl,
    };
  }

  useApp(url: string): void {
    this.appUrl = url;
    this.driver = new SlackDriver(`${url}/slack/events`, this.slack);
  }

  /** A signed slash command; resolves with the acknowledgement's status and time (ms). */
  async slackCommand(user: SlackUser, text: string): Promise<{ status: number; ms: number; responseId: string }> {
    const started = performance.now();
    const sent = await this.driver!.command(user, `/${text.split(' ')[0]}`, text.split(' ').slice(1).join(' '));
    return { status: sent.status, ms: performance.now() - started, responseId: sent.responseId! };
  }

  /** A signed button click carrying the core's action id. */
  async slackClick(user: SlackUser, actionId: string): Promise<{ status: number; ms: number; responseId: string }> {
    const started = performance.now();
    const sent = await this.driver!.click(user, { action_id: actionId.slice(0, 200), value: actionId, text: 'answer' });
    return { status: sent.status, ms: performance.now() - started, responseId: sent.responseId! };
  }

  /** Requests (commands and clicks) that got at least one post to their response_url so far. */
  answeredRequests = 0;
  private answered = new Set<string>();

  /** Moves the fake's response_url posts into an index, so waiting for one does not rescan them all. */
  private collect(): void {
    const posts = this.slack.responses.splice(0, this.slack.responses.length);
    for (const p of posts) {
      this.responses.set(p.id, [...(this.responses.get(p.id) ?? []), p]);
      if (!this.answered.has(p.id)) {
        this.answered.add(p.id);
        this.answeredRequests++;
      }
    }
  }

  /** Resolves with the first post to a request's response_url (bounded wait). */
  async slackReply(responseId: string, timeoutMs = 30_000): Promise<ResponseUrlPost> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      this.collect();
      const found = this.responses.get(responseId)?.[0];
      if (found) {
        this.responses.delete(responseId);
        return found;
      }
      if (performance.now() > deadline) throw new Error(`no reply to ${responseId} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Forgets replies nobody will wait for (answers to clicks), keeping the fake's memory flat; resolves with answeredRequests. */
  dropReplies(): number {
    this.collect();
    this.responses.clear();
    return this.answeredRequests;
  }

  /** A Discord slash command as an Ed25519-signed HTTP interaction; resolves with the status and time to the response (ms). */
  async discordSlash(user: DiscordUser, line: string): Promise<{ status: number; ms: number; body: Json }> {
    return this.discordInteraction(slashInteraction(user, this.commands, line));
  }

  private discordSent = 0;

  /** A click on a button (custom_id = the core's action id) of an ephemeral message the bot sent. */
  async discordClick(user: DiscordUser, customId: string): Promise<{ status: number; ms: number; body: Json }> {
    const message = apiMessage({ id: SnowflakeUtil.generate().toString(), channelId: CHANNEL_ID, body: {}, ephemeral: true, deleted: false, edits: 0, createdAt: Date.now() });
    return this.discordInteraction(buttonInteraction(user, message, customId));
  }

  /** Sends an Ed25519-signed HTTP interaction; the response body carries the reply (unless deferred). */
  private async discordInteraction(raw: APIInteraction): Promise<{ status: number; ms: number; body: Json }> {
    this.discord.state.deliver(raw);
    const body = JSON.stringify(raw);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers = { 'content-type': 'application/json', 'x-signature-ed25519': sign(null, Buffer.from(timestamp + body), this.keys.privateKey).toString('hex'), 'x-signature-timestamp': timestamp };
    const started = performance.now();
    const res = await fetch(`${this.appUrl}/discord/interactions`, { method: 'POST', headers, body });
    const text = await res.text();
    const ms = performance.now() - started;
    let parsed: Json = {};
    try {
      parsed = JSON.parse(text) as Json;
    } catch {
      // Not JSON (an error page): the status tells.
    }
    // Tell the fake Discord what the app answered, as Discord learns it, so follow-ups find it.
    let status = res.status;
    if (status === 200) {
      try {
        this.discord.state.acknowledge(raw.id, raw.token, parsed);
      } catch {
        status = 599; // an answer Discord would refuse
      }
    }
    if (++this.discordSent % 1000 === 0) this.discord.state.forget(120_000);
    return { status, ms, body: parsed };
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.slack.close(), this.discord?.close()]);
  }
}
