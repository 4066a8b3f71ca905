import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'node:querystring';

export interface PostLimits {
  /** Least time between two accepted messages in one channel (Slack: about one a second). */
  perChannelMs: number;
  /** Messages accepted per second in the whole workspace (a sliding one-second window). */
  workspacePerSecond: number;
}

export interface LimitStats {
  accepted: number;
  refusedChannel: number;
  refusedWorkspace: number;
  /** When each accepted message arrived (ms, performance.now), for the completion time. */
  acceptedAt: number[];
}

/**
 * Slack's limits on chat.postMessage in front of the fake Slack: a message too soon after the
 * previous one in its channel, or over the workspace's rate, gets what Slack sends (HTTP 429 with
 * Retry-After in whole seconds) and never reaches the fake; everything else is passed through.
 */
export async function startLimitedSlack(fakeApiUrl: string, limits: PostLimits): Promise<{ apiUrl: string; stats: LimitStats; close(): Promise<void> }> {
  const target = new URL(fakeApiUrl);
  const lastInChannel = new Map<string, number>();
  const window: number[] = [];
  const stats: LimitStats = { accepted: 0, refusedChannel: 0, refusedWorkspace: 0, acceptedAt: [] };

  function verdict(channel: string, now: number): 'ok' | 'channel' | 'workspace' {
    while (window.length > 0 && window[0]! <= now - 1000) window.shift();
    if (now - (lastInChannel.get(channel) ?? -Infinity) < limits.perChannelMs) return 'channel';
    if (window.length >= limits.workspacePerSecond) return 'workspace';
    lastInChannel.set(channel, now);
    window.push(now);
    return 'ok';
  }

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    if (req.url?.endsWith('/chat.postMessage')) {
      const now = performance.now();
      const outcome = verdict(String(parse(body.toString()).channel ?? ''), now);
      if (outcome !== 'ok') {
        if (outcome === 'channel') stats.refusedChannel++;
        else stats.refusedWorkspace++;
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      stats.accepted++;
      stats.acceptedAt.push(now);
    }
    const forward = request(
      { host: target.hostname, port: target.port, method: req.method, path: `${target.pathname.replace(/\/$/, '')}${req.url?.replace(/^\/api/, '') ?? ''}`, headers: req.headers },
      (upstream) => {
        res.writeHead(upstream.statusCode ?? 502, upstream.headers);
        upstream.pipe(res);
      },
    );
    forward.on('error', () => res.writeHead(502).end());
    forward.end(body);
  });
  server.keepAliveTimeout = 65_000; // as in FakeSlack: no race with a client reusing an idle connection
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
