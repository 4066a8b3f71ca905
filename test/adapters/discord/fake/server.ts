import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGateway } from './gateway.js';
import { createRestHandler, type RateLimitRule } from './rest.js';
import { FakeState } from './state.js';

export interface FakeDiscord {
  state: FakeState;
  gateway: FakeGateway;
  /** What DISCORD_API_URL points at (discord.js appends /v10). */
  apiUrl: string;
  /** The next request matching gets one 429 with this retry_after. */
  rateLimitOnce(rule: RateLimitRule): void;
  close(): Promise<void>;
}

/** Discord on 127.0.0.1: REST under /api/v10 and the gateway WebSocket on the same port. */
export async function startFakeDiscord(opts: { heartbeatIntervalMs?: number } = {}): Promise<FakeDiscord> {
  const state = new FakeState();
  const rateLimits: RateLimitRule[] = [];
  let port = 0;
  const gateway = new FakeGateway(() => `ws://127.0.0.1:${port}`, opts.heartbeatIntervalMs);
  const rest = createRestHandler(state, rateLimits, () => `ws://127.0.0.1:${port}`);
  const server: Server = createServer((req, res) => {
    rest(req, res).catch((err: unknown) => {
      res.writeHead(500).end(String(err));
    });
  });
  server.on('upgrade', (req, socket, head) => gateway.upgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    state,
    gateway,
    apiUrl: `http://127.0.0.1:${port}/api`,
    rateLimitOnce: (rule) => void rateLimits.push(rule),
    close: async () => {
      gateway.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
