import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/command.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A readiness check resolves when healthy and rejects (or returns a reason) when not. */
export type ReadinessCheck = () => Promise<string | undefined>;

export interface HttpServer {
  server: Server;
  route(method: string, path: string, handler: RouteHandler): void;
  addReadinessCheck(name: string, check: ReadinessCheck): void;
  /** Resolves with the bound port (useful with port 0 in tests). */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The one HTTP server of a process: probes, metrics, and the platforms' webhook endpoints. */
export function createHttpServer(logger: Logger): HttpServer {
  const routes = new Map<string, RouteHandler>();
  const checks = new Map<string, ReadinessCheck>();

  routes.set('GET /healthz', (_req, res) => sendJson(res, 200, { status: 'ok' }));
  routes.set('GET /readyz', async (_req, res) => {
    const failures: Record<string, string> = {};
    await Promise.all(
      [...checks].map(async ([name, check]) => {
        try {
          const reason = await check();
          if (reason) failures[name] = reason;
        } catch (err) {
          failures[name] = err instanceof Error ? err.message : String(err);
        }
      }),
    );
    const ok = Object.keys(failures).length === 0;
    sendJson(res, ok ? 200 : 503, ok ? { status: 'ready' } : { status: 'not ready', failures });
  });

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const handler = routes.get(`${req.method} ${path}`);
    if (!handler) {
      const known = [...routes.keys()].some((k) => k.endsWith(` ${path}`));
      sendJson(res, known ? 405 : 404, { error: known ? 'method not allowed' : 'not found' });
      return;
    }
    Promise.resolve(handler(req, res)).catch((err: unknown) => {
      logger.error({ err, path }, 'http handler failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.end();
    });
  });

  return {
    server,
    route: (method, path, handler) => void routes.set(`${method.toUpperCase()} ${path}`, handler),
    addReadinessCheck: (name, check) => void checks.set(name, check),
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
