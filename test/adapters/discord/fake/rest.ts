import type { IncomingMessage, ServerResponse } from 'node:http';
import { SnowflakeUtil } from 'discord.js';
import { commandsProblems } from './limits.js';
import { APP_ID, ApiError, apiMessage, TOKEN, type FakeState } from './state.js';

type Json = Record<string, any>;
type Handler = (m: RegExpMatchArray, body: Json, req: IncomingMessage) => { status: number; body?: unknown };

/** A 429 the fake answers once for requests matching `method` and `path`, as Discord does. */
export interface RateLimitRule {
  method: string;
  path: RegExp;
  retryAfterSeconds: number;
}

function requireBot(req: IncomingMessage): void {
  if (req.headers.authorization !== `Bot ${TOKEN}`) throw new ApiError(401, 0, '401: Unauthorized');
}

function storeCommands(list: Json[], body: unknown): Json[] {
  const problems = commandsProblems(body);
  if (problems.length > 0) throw new ApiError(400, 50035, `Invalid Form Body: ${problems.join('; ')}`, problems);
  const stored = (body as Json[]).map((c) => ({ ...c, id: SnowflakeUtil.generate().toString(), application_id: APP_ID, version: '1' }));
  list.splice(0, list.length, ...stored);
  return stored;
}

function routes(state: FakeState, gatewayUrl: () => string): [string, RegExp, Handler][] {
  return [
    [
      'GET',
      /^\/gateway\/bot$/,
      (_m, _b, req) => {
        requireBot(req);
        return { status: 200, body: { url: gatewayUrl(), shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } } };
      },
    ],
    [
      'POST',
      /^\/interactions\/(\d+)\/([^/]+)\/callback$/,
      (m, body) => {
        state.acknowledge(m[1]!, m[2]!, body);
        return { status: 204 };
      },
    ],
    ['PATCH', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/, (m, body) => ({ status: 200, body: apiMessage(state.editOriginal(m[1]!, m[2]!, body)) })],
    [
      'DELETE',
      /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/,
      (m) => {
        state.deleteOriginal(m[1]!, m[2]!);
        return { status: 204 };
      },
    ],
    ['POST', /^\/webhooks\/(\d+)\/([^/]+)$/, (m, body) => ({ status: 200, body: apiMessage(state.followUp(m[1]!, m[2]!, body)) })],
    [
      'POST',
      /^\/channels\/(\d+)\/messages$/,
      (m, body, req) => {
        requireBot(req);
        return { status: 200, body: apiMessage(state.postToChannel(m[1]!, body)) };
      },
    ],
    [
      'GET',
      /^\/channels\/(\d+)\/messages$/,
      (m, _body, req) => {
        requireBot(req);
        const limit = Number(new URL(req.url ?? '/', 'http://fake').searchParams.get('limit') ?? 50);
        return { status: 200, body: state.recentMessages(m[1]!, limit).map(apiMessage) };
      },
    ],
    [
      'PUT',
      /^\/applications\/(\d+)\/commands$/,
      (m, body, req) => {
        requireBot(req);
        if (m[1] !== APP_ID) throw new ApiError(403, 50001, 'Missing Access');
        return { status: 200, body: storeCommands(state.commands.global, body) };
      },
    ],
    [
      'PUT',
      /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/,
      (m, body, req) => {
        requireBot(req);
        if (m[1] !== APP_ID) throw new ApiError(403, 50001, 'Missing Access');
        const list = state.commands.guilds.get(m[2]!) ?? [];
        state.commands.guilds.set(m[2]!, list);
        return { status: 200, body: storeCommands(list, body) };
      },
    ],
  ];
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers }).end(text);
}

async function readJson(req: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Json) : {};
}

/** The REST part of the fake, mounted under /api/v10 like discord.com. */
export function createRestHandler(state: FakeState, rateLimits: RateLimitRule[], gatewayUrl: () => string) {
  const table = routes(state, gatewayUrl);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const method = req.method ?? 'GET';
    const log = (status: number) => state.requests.push({ method, path, at: performance.now(), status });
    const body = await readJson(req).catch(() => undefined);
    if (body === undefined) {
      log(400);
      return send(res, 400, { code: 50109, message: 'The request body contains invalid JSON.' });
    }
    const route = table.find(([m, pattern]) => m === method && pattern.test(path));
    if (!route) {
      log(404);
      return send(res, 404, { message: '404: Not Found', code: 0 });
    }
    const bucket = { 'x-ratelimit-bucket': `fake-${method}-${route[1].source}`, 'x-ratelimit-limit': '5', 'x-ratelimit-scope': 'user' };
    const limitIndex = rateLimits.findIndex((r) => r.method === method && r.path.test(path));
    if (limitIndex >= 0) {
      const [rule] = rateLimits.splice(limitIndex, 1);
      log(429);
      const after = String(rule!.retryAfterSeconds);
      return send(res, 429, { message: 'You are being rate limited.', retry_after: rule!.retryAfterSeconds, global: false }, {
        ...bucket,
        'retry-after': after,
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset-after': after,
      });
    }
    const webhook = /^\/webhooks\/\d+\/([^/]+)/.exec(path);
    if (webhook) await state.answered(webhook[1]!, 3000);
    try {
      const result = route[2](path.match(route[1])!, body, req);
      log(result.status);
      if (state.holdWhen(method, path)) {
        // Carried out, never answered: the app waits until it dies or the connection is cut.
        state.held.push({ method, path });
        state.emit('held');
        return;
      }
      send(res, result.status, result.body, { ...bucket, 'x-ratelimit-remaining': '4', 'x-ratelimit-reset-after': '1' });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      log(err.status);
      const errors = err.problems.length > 0 ? { errors: { _errors: err.problems.map((message) => ({ code: 'INVALID', message })) } } : {};
      send(res, err.status, { code: err.code, message: err.message, ...errors });
    }
  };
}

