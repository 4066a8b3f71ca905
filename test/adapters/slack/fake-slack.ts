import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'node:querystring';
import { blockErrors, viewErrors } from './block-kit-rules.js';

export const BOT_TOKEN = 'xoxb-test-token';
export const APP_TOKEN = 'xapp-test-token';
export const TEAM_ID = 'T0STUDY';

export interface FakeUser {
  id: string;
  name: string;
  displayName: string;
  isAdmin?: boolean;
}

export interface ApiCall {
  method: string;
  args: Record<string, any>;
  ok: boolean;
  error?: string;
  /** What the fake answered. */
  result?: Record<string, any>;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, any>;
}

/** A 429 with Retry-After, an `{ok:false,error}` answer, or (`lost`) a call Slack carries out but whose answer never arrives. */
type Failure = { status: 429; retryAfter: number } | { error: string } | { lost: true };

/** A message the bot posted in a channel, as conversations.history returns it. */
export interface ChannelMessage {
  ts: string;
  text: string;
  blocks?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

/** The read scopes the fake grants by default (the manifests request them for retried group posts). */
const HISTORY_SCOPES = ['channels:history', 'groups:history'];

/**
 * A local Slack: the Web API methods the adapter calls, answered in Slack's shapes (checking the
 * token and Block Kit limits), and response_url endpoints. Everything it receives is recorded.
 */
export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  /** Everything refused for breaking Block Kit's limits: response_url posts and Web API calls. */
  readonly rejected: { where: string; errors: unknown }[] = [];
  readonly users = new Map<string, FakeUser>();
  /** Trigger ids the test driver handed out; views.open accepts each once. */
  readonly triggers = new Set<string>();
  /** Messages posted with chat.postMessage, per channel, oldest first. */
  readonly channels = new Map<string, ChannelMessage[]>();
  readonly scopes = new Set(HISTORY_SCOPES);
  /** Calls Slack carried out whose answer is being held back (see holdWhen). */
  readonly held: ApiCall[] = [];
  /** When it returns true, the call is carried out but never answered, as if the app died waiting. */
  holdWhen: (call: ApiCall) => boolean = () => false;
  socketUrl = '';
  private failures = new Map<string, Failure[]>();
  private events = new EventEmitter();
  private server: Server | undefined;
  private seq = 0;
  port = 0;

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    // Idle connections stay open longer than clients keep them, as at Slack's edge: Node's default
    // of 5 s races a client reusing an idle connection at that moment (ECONNRESET, "socket hang up").
    this.server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
    this.rejected.length = 0;
    this.triggers.clear();
    this.failures.clear();
    this.users.clear();
    this.channels.clear();
    this.held.length = 0;
    this.holdWhen = () => false;
    this.scopes.clear();
    for (const scope of HISTORY_SCOPES) this.scopes.add(scope);
  }

  /** The bot's messages in a channel, oldest first. */
  messagesIn(channel: string): ChannelMessage[] {
    return this.channels.get(channel) ?? [];
  }

  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  /** The next call of `method` fails this way (a 429 with Retry-After, or `{ok:false,error}`). */
  failNext(method: string, failure: Failure): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), failure]);
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves with the first recorded item matching, waiting for it if needed (bounded). */
  waitFor<T>(pick: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
    const found = pick();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = pick();
        if (hit === undefined) return;
        cleanup();
        resolve(hit);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake Slack: timed out waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.events.off('recorded', check);
      };
      this.events.on('recorded', check);
    });
  }

  responseFor(id: string): Promise<ResponseUrlPost> {
    return this.nthResponse(id, 1);
  }

  /** The n-th (1-based) post to one response_url. */
  nthResponse(id: string, n: number): Promise<ResponseUrlPost> {
    return this.waitFor(() => this.responses.filter((r) => r.id === id)[n - 1], `post ${n} to response_url ${id}`);
  }

  responsesTo(id: string): ResponseUrlPost[] {
    return this.responses.filter((r) => r.id === id);
  }

  apiCall(method: string, match: (c: ApiCall) => boolean = () => true): Promise<ApiCall> {
    return this.waitFor(() => this.calls.find((c) => c.method === method && match(c)), `a ${method} call`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString();
    const url = req.url ?? '/';
    if (url.startsWith('/response/')) {
      const expired = this.failures.get('response_url')?.shift();
      if (expired) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('expired_url');
        return;
      }
      const body = JSON.parse(raw) as Record<string, any>;
      const errors = blockErrors(body.blocks, 50);
      if (errors.length === 0) this.responses.push({ id: url.slice('/response/'.length), body });
      else this.rejected.push({ where: url, errors });
      res.writeHead(errors.length ? 400 : 200, { 'content-type': 'application/json' }).end(JSON.stringify(errors.length ? { ok: false, error: 'invalid_blocks', errors } : { ok: true }));
      this.events.emit('recorded');
      return;
    }
    const method = url.replace(/^\/api\//, '').split('?')[0]!;
    const args = Object.fromEntries(Object.entries(parse(raw)).map(([k, v]) => [k, decodeField(String(v))]));
    const failure = this.failures.get(method)?.shift();
    if (failure && 'lost' in failure) {
      const result = this.answer(method, args, req.headers.authorization ?? '');
      this.calls.push({ method, args, ok: result.ok === true, result, error: 'lost' });
      req.socket.destroy();
      this.events.emit('recorded');
      return;
    }
    if (failure && 'status' in failure) {
      this.calls.push({ method, args, ok: false, error: 'ratelimited' });
      res.writeHead(429, { 'retry-after': String(failure.retryAfter) }).end();
      this.events.emit('recorded');
      return;
    }
    const result = failure ? { ok: false, error: failure.error } : this.answer(method, args, req.headers.authorization ?? '');
    const call: ApiCall = { method, args, ok: result.ok === true, result, ...(result.ok ? {} : { error: String(result.error) }) };
    this.calls.push(call);
    if (result.error === 'invalid_blocks' || result.error === 'invalid_arguments') this.rejected.push({ where: method, errors: result.errors ?? result.response_metadata });
    if (this.holdWhen(call)) {
      this.held.push(call);
      this.events.emit('recorded');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    this.events.emit('recorded');
  }

  private answer(method: string, args: Record<string, any>, auth: string): Record<string, any> {
    const expected = method === 'apps.connections.open' ? APP_TOKEN : BOT_TOKEN;
    if (auth !== `Bearer ${expected}`) return { ok: false, error: 'invalid_auth' };
    const ts = () => `${Math.floor(Date.now() / 1000)}.${String(++this.seq).padStart(6, '0')}`;
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://study.slack.example/', team: 'Study', user: 'studybot', team_id: TEAM_ID, user_id: 'UBOT', bot_id: 'BBOT', is_enterprise_install: false };
      case 'users.info': {
        const u = this.users.get(args.user);
        if (!u) return { ok: false, error: 'user_not_found' };
        const profile = { display_name: u.displayName, real_name: u.displayName };
        return { ok: true, user: { id: u.id, team_id: TEAM_ID, name: u.name, real_name: u.displayName, is_admin: Boolean(u.isAdmin), is_owner: false, is_primary_owner: false, is_bot: false, profile } };
      }
      case 'chat.postMessage':
      case 'chat.postEphemeral': {
        const errors = blockErrors(args.blocks, 50);
        if (errors.length) return { ok: false, error: 'invalid_blocks', errors };
        if (!args.channel || !args.text) return { ok: false, error: 'no_text' };
        if (args.metadata !== undefined && !validMetadata(args.metadata)) return { ok: false, error: 'invalid_metadata_format' };
        const t = ts();
        if (method === 'chat.postEphemeral') return { ok: true, message_ts: t };
        const message: ChannelMessage = { ts: t, text: args.text, blocks: args.blocks, ...(args.metadata ? { metadata: args.metadata } : {}) };
        this.channels.set(args.channel, [...this.messagesIn(args.channel), message]);
        return { ok: true, channel: args.channel, ts: t, message: { type: 'message', ...message, bot_id: 'BBOT' } };
      }
      case 'conversations.history': {
        const missing = HISTORY_SCOPES.find((scope) => !this.scopes.has(scope));
        if (missing) return { ok: false, error: 'missing_scope', needed: missing, provided: 'commands,chat:write,chat:write.public,users:read' };
        const limit = Math.min(Number(args.limit ?? 100), 999);
        const withMetadata = String(args.include_all_metadata) === 'true';
        // Newest first; metadata only when asked for, as Slack does.
        const messages = [...this.messagesIn(args.channel)]
          .reverse()
          .slice(0, limit)
          .map(({ metadata, ...m }) => ({ type: 'message', subtype: 'bot_message', bot_id: 'BBOT', ...m, ...(withMetadata && metadata ? { metadata } : {}) }));
        return { ok: true, messages, has_more: this.messagesIn(args.channel).length > limit, pin_count: 0 };
      }
      case 'views.open':
      case 'views.publish': {
        if (method === 'views.open' && !this.triggers.delete(args.trigger_id)) return { ok: false, error: 'invalid_trigger_id' };
        const errors = viewErrors(args.view);
        if (errors.length) return { ok: false, error: 'invalid_arguments', response_metadata: { messages: errors } };
        return { ok: true, view: { id: `V${++this.seq}`, team_id: TEAM_ID, state: { values: {} }, hash: `h${this.seq}`, ...args.view } };
      }
      case 'apps.connections.open':
        return this.socketUrl ? { ok: true, url: this.socketUrl } : { ok: false, error: 'socket_mode_not_enabled' };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

/** Slack's rule for message metadata: an event_type and an event_payload object. */
function validMetadata(m: unknown): boolean {
  const meta = m as { event_type?: unknown; event_payload?: unknown } | null;
  return typeof meta === 'object' && meta !== null && typeof meta.event_type === 'string' && typeof meta.event_payload === 'object' && meta.event_payload !== null;
}

/** The Web API client sends objects (blocks, view) as JSON strings inside the form body. */
function decodeField(v: string): unknown {
  if (!/^[[{]/.test(v)) return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
