import { EventEmitter } from 'node:events';
import { SnowflakeUtil, type APIInteraction, type APIMessage } from 'discord.js';
import { choicesProblems, messageProblems, modalProblems } from './limits.js';

export const APP_ID = '1100000000000000001';
export const BOT_ID = '1100000000000000002';
export const GUILD_ID = '1200000000000000001';
export const CHANNEL_ID = '1300000000000000001';
export const TOKEN = 'fake-bot-token';

type Json = Record<string, any>;

/** A Discord API error as the REST API returns it: HTTP status and a JSON code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}

export interface FakeMessage {
  id: string;
  channelId: string;
  body: Json;
  ephemeral: boolean;
  interactionId?: string;
  nonce?: string;
  deleted: boolean;
  edits: number;
  /** Date.now() when created, for the nonce window. */
  createdAt: number;
}

export interface InteractionRecord {
  raw: APIInteraction;
  deliveredAt: number;
  firstResponseMs?: number;
  response?: Json;
  callbackAttempts: number;
  original?: FakeMessage;
  followUps: FakeMessage[];
  /** Simulates an interaction past its 3-second window (10062) or answered elsewhere (40060). */
  expired?: boolean;
}

export interface ChannelState {
  access: 'ok' | 'missing_access' | 'missing_permissions';
  messages: FakeMessage[];
}

const invalid = (problems: string[]) => new ApiError(400, 50035, `Invalid Form Body: ${problems.join('; ')}`, problems);

/** Everything the fake Discord knows, with the rules Discord applies to interaction answers. */
export class FakeState extends EventEmitter {
  readonly interactions = new Map<string, InteractionRecord>();
  readonly channels = new Map<string, ChannelState>([[CHANNEL_ID, { access: 'ok', messages: [] }]]);
  readonly commands = { global: [] as Json[], guilds: new Map<string, Json[]>() };
  readonly requests: { method: string; path: string; at: number; status: number }[] = [];
  /** How long enforce_nonce finds an earlier message with the same nonce ("the past few minutes"). */
  nonceWindowMs = 3 * 60_000;
  /** Requests carried out but never answered (see holdWhen). */
  readonly held: { method: string; path: string }[] = [];
  /** When it returns true, the request is carried out but never answered, as if the app died waiting. */
  holdWhen: (method: string, path: string) => boolean = () => false;

  /** A new interaction a user just triggered; its token is valid for answers from now on. */
  deliver(raw: APIInteraction): InteractionRecord {
    const record: InteractionRecord = { raw, deliveredAt: performance.now(), callbackAttempts: 0, followUps: [] };
    this.interactions.set(raw.id, record);
    this.tokens.set(raw.token, record);
    return record;
  }

  private readonly tokens = new Map<string, InteractionRecord>();

  private byToken(appId: string, token: string): InteractionRecord {
    const record = this.tokens.get(token);
    if (!record || appId !== APP_ID) throw new ApiError(404, 10015, 'Unknown Webhook');
    return record;
  }

  /**
   * Resolves once the interaction with this token has its response (at most `timeoutMs`). Discord
   * has an HTTP interaction's response before the app can follow it up; this fake only learns it
   * when the client relays it, which can come after the app's follow-up arrives.
   */
  async answered(token: string, timeoutMs: number): Promise<void> {
    const record = this.tokens.get(token);
    if (!record || record.response) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.off('response', listener);
        resolve();
      };
      const listener = (r: InteractionRecord) => void (r === record && done());
      const timer = setTimeout(done, timeoutMs);
      this.on('response', listener);
    });
  }

  /** Drops interactions delivered more than `ageMs` ago (long benchmark runs). */
  forget(ageMs: number): void {
    const before = performance.now() - ageMs;
    for (const [id, record] of this.interactions) {
      if (record.deliveredAt >= before) break;
      this.interactions.delete(id);
      this.tokens.delete(record.raw.token);
    }
  }

  message(channelId: string, body: Json, extra: Partial<FakeMessage> = {}): FakeMessage {
    const m: FakeMessage = { id: SnowflakeUtil.generate().toString(), channelId, body, ephemeral: (Number(body.flags ?? 0) & 64) !== 0, deleted: false, edits: 0, createdAt: Date.now(), ...extra };
    return m;
  }

  /** POST /interactions/{id}/{token}/callback, or the body of an HTTP interaction's response. */
  acknowledge(id: string, token: string, body: Json): void {
    const record = this.interactions.get(id);
    if (!record || record.raw.token !== token) throw new ApiError(404, 10062, 'Unknown interaction');
    record.callbackAttempts++;
    this.emit('callback', record);
    if (record.expired) throw new ApiError(404, 10062, 'Unknown interaction');
    if (record.response) throw new ApiError(400, 40060, 'Interaction has already been acknowledged.');
    const problems = this.responseProblems(record, body);
    if (problems.length > 0) throw invalid(problems);
    record.response = body;
    record.firstResponseMs = performance.now() - record.deliveredAt;
    if (body.type === 4 || body.type === 5) {
      record.original = this.message(record.raw.channel?.id ?? '', body.data ?? {}, { interactionId: id });
      if (body.type === 5) record.original.body = { flags: body.data?.flags ?? 0, embeds: [], components: [], deferred: true };
    }
    this.emit('response', record);
  }

  private responseProblems(record: InteractionRecord, body: Json): string[] {
    const t = record.raw.type;
    switch (body.type) {
      case 1:
        return t === 1 ? [] : ['PONG only answers a PING'];
      case 4:
        return t === 1 || t === 4 ? ['not a response to this interaction type'] : messageProblems(body.data ?? {});
      case 5:
        return t === 1 || t === 4 ? ['not a response to this interaction type'] : [];
      case 8:
        return t === 4 ? choicesProblems(body.data ?? {}) : ['choices only answer autocomplete'];
      case 9:
        return t === 2 || t === 3 ? modalProblems(body.data ?? {}) : ['a modal only answers a command or a component'];
      default:
        return [`response type ${body.type} not used by this bot`];
    }
  }

  editOriginal(appId: string, token: string, body: Json): FakeMessage {
    const record = this.byToken(appId, token);
    if (!record.original || record.original.deleted) throw new ApiError(404, 10008, 'Unknown Message');
    const problems = messageProblems(body, { partial: true });
    if (problems.length > 0) throw invalid(problems);
    const { deferred: _placeholder, ...kept } = record.original.body;
    record.original.body = { ...kept, ...body, flags: record.original.body.flags };
    record.original.edits++;
    this.emit('edit', record);
    return record.original;
  }

  deleteOriginal(appId: string, token: string): void {
    const record = this.byToken(appId, token);
    if (!record.original || record.original.deleted) throw new ApiError(404, 10008, 'Unknown Message');
    record.original.deleted = true;
  }

  followUp(appId: string, token: string, body: Json): FakeMessage {
    const record = this.byToken(appId, token);
    if (!record.response || record.response.type === 9 || record.response.type === 8) throw new ApiError(404, 10015, 'Unknown Webhook');
    const problems = messageProblems(body);
    if (problems.length > 0) throw invalid(problems);
    const m = this.message(record.raw.channel?.id ?? '', body, { interactionId: record.raw.id });
    record.followUps.push(m);
    return m;
  }

  /** POST /channels/{id}/messages, with Discord's nonce rule: enforce_nonce returns the earlier message. */
  postToChannel(channelId: string, body: Json): FakeMessage {
    const channel = this.channels.get(channelId);
    if (!channel) throw new ApiError(404, 10003, 'Unknown Channel');
    if (channel.access === 'missing_access') throw new ApiError(403, 50001, 'Missing Access');
    if (channel.access === 'missing_permissions') throw new ApiError(403, 50013, 'Missing Permissions');
    const problems = messageProblems({ ...body, flags: 0 });
    if (body.flags) problems.push('channel messages cannot be ephemeral');
    if (problems.length > 0) throw invalid(problems);
    const nonce = body.nonce === undefined ? undefined : String(body.nonce);
    if (nonce && body.enforce_nonce) {
      const earlier = channel.messages.find((m) => m.nonce === nonce && Date.now() - m.createdAt < this.nonceWindowMs);
      if (earlier) return earlier;
    }
    const { nonce: _n, enforce_nonce: _e, ...content } = body;
    const m = this.message(channelId, content, nonce ? { nonce } : {});
    channel.messages.push(m);
    return m;
  }

  /** GET /channels/{id}/messages: the newest messages first, as Discord lists them (1-100). */
  recentMessages(channelId: string, limit: number): FakeMessage[] {
    const channel = this.channels.get(channelId);
    if (!channel) throw new ApiError(404, 10003, 'Unknown Channel');
    if (channel.access === 'missing_access') throw new ApiError(403, 50001, 'Missing Access');
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalid(['limit must be 1-100']);
    return channel.messages.filter((m) => !m.deleted).reverse().slice(0, limit);
  }

  /** What the member sees as the answer to an interaction: the original message (if kept) and the follow-ups. */
  visible(id: string): FakeMessage[] {
    const record = this.interactions.get(id);
    if (!record) return [];
    return [...(record.original && !record.original.deleted ? [record.original] : []), ...record.followUps];
  }
}

/** A message as Discord returns and embeds it in later interactions (e.g. the one a button is on). */
export function apiMessage(m: FakeMessage): APIMessage {
  return {
    id: m.id,
    channel_id: m.channelId,
    type: m.interactionId ? 20 : 0,
    content: m.body.content ?? '',
    author: { id: BOT_ID, username: 'studybot', discriminator: '0', global_name: null, avatar: null, bot: true },
    embeds: m.body.embeds ?? [],
    components: m.body.components ?? [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags: m.ephemeral ? 64 : 0,
    ...(m.interactionId ? { webhook_id: APP_ID, application_id: APP_ID } : {}),
  } as APIMessage;
}
