import type { IncomingMessage, ServerResponse } from 'node:http';
import { InteractionResponseType, InteractionType, type APIInteraction } from 'discord.js';
import type { Logger } from '../../core/command.js';
import { sendJson, type HttpServer } from '../../http/server.js';
import type { InteractionHandler } from './handler.js';
import { createSignatureCheck } from './verify.js';

export const INTERACTIONS_PATH = '/discord/interactions';
/** Interaction payloads are a few kilobytes; anything far larger is not from Discord. */
const MAX_BODY_BYTES = 1024 * 1024;

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= limit ? Buffer.concat(chunks) : undefined));
    req.on('error', reject);
  });
}

/** Writes the initial interaction response as the HTTP response; resolves once it is sent. */
function respondWith(res: ServerResponse): { initial: (body: unknown) => Promise<void>; sent: () => boolean } {
  let sent = false;
  return {
    sent: () => sent,
    initial: (body) => {
      if (sent) return Promise.reject(new Error('the HTTP interaction was already answered'));
      sent = true;
      return new Promise<void>((resolve) => {
        res.once('finish', resolve);
        res.once('close', resolve);
        sendJson(res, 200, body);
      });
    },
  };
}

const looksLikeInteraction = (v: unknown): v is APIInteraction =>
  typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'number' && typeof (v as { id?: unknown }).id === 'string' && typeof (v as { token?: unknown }).token === 'string';

/**
 * POST /discord/interactions: Discord's outgoing webhook. Ed25519-verified (401 otherwise),
 * PING answered with PONG, everything else handed to the same handler as the gateway.
 */
export function mountHttpInteractions(http: HttpServer, opts: { publicKey: string; handler: InteractionHandler; logger: Logger; stopping: () => boolean }): void {
  const check = createSignatureCheck(opts.publicKey);
  http.route('POST', INTERACTIONS_PATH, async (req, res) => {
    if (opts.stopping()) return sendJson(res, 503, { error: 'shutting down' });
    const body = await readBody(req, MAX_BODY_BYTES);
    if (!body) return sendJson(res, 413, { error: 'request body too large' });
    const signature = req.headers['x-signature-ed25519'];
    const timestamp = req.headers['x-signature-timestamp'];
    if (!check(typeof signature === 'string' ? signature : undefined, typeof timestamp === 'string' ? timestamp : undefined, body)) {
      return sendJson(res, 401, { error: 'invalid request signature' });
    }
    let raw: unknown;
    try {
      raw = JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(res, 400, { error: 'body is not JSON' });
    }
    if (!looksLikeInteraction(raw)) return sendJson(res, 400, { error: 'not an interaction' });
    if (raw.type === InteractionType.Ping) return sendJson(res, 200, { type: InteractionResponseType.Pong });
    const response = respondWith(res);
    const job = opts.handler.handle(raw, response.initial);
    if (!job) return sendJson(res, 409, { error: 'interaction already delivered' });
    await job;
    if (!response.sent()) {
      opts.logger.warn({ interaction: raw.id }, 'discord: HTTP interaction finished without a response');
      sendJson(res, 500, { error: 'no response' });
    }
  });
}
