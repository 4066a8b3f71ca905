import type { AppProcess } from './lib/app-process.js';
import type { Platforms } from './lib/platforms.js';
import { runConcurrent, summarize, type Summary } from './lib/stats.js';

export interface LatencyResult {
  requests: number;
  concurrency: number;
  /** GET /healthz on the same server: the floor of an HTTP round trip here. */
  healthz: Summary;
  /** Signed Slack slash commands until Bolt's acknowledgement (the reply follows on response_url). */
  slack: Summary;
  /** Signed Discord HTTP interactions until the response, which carries the core's reply. */
  discord: Summary;
  /** Requests not answered 200 (should be 0). */
  failed: number;
}

/** Slash commands (/quiz 3) from `members` members, `concurrency` at a time, against the app process, beside /healthz. */
export async function latencyBench(platforms: Platforms, app: AppProcess, opts: { requests: number; concurrency: number; warmup: number; members: number }): Promise<LatencyResult> {
  // A study group's members, each running several commands (well within the per-member limit).
  const slackUsers = platforms.slackUsers.slice(0, opts.members);
  const discordUsers = platforms.discordUsers.slice(0, opts.members);
  let failed = 0;
  const check = (status: number) => void (status === 200 || failed++);

  async function timed(n: number, send: (i: number) => Promise<{ status: number; ms: number }>): Promise<number[]> {
    const ms: number[] = [];
    await runConcurrent(n, opts.concurrency, async (i) => {
      const r = await send(i);
      check(r.status);
      ms.push(r.ms);
    });
    return ms;
  }
  const healthz = async () => {
    const started = performance.now();
    const res = await fetch(`${app.url}/healthz`);
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - started };
  };
  const slack = (i: number) => platforms.slackCommand(slackUsers[i % slackUsers.length]!, 'quiz 3');
  const discord = (i: number) => platforms.discordSlash(discordUsers[i % discordUsers.length]!, '/quiz count:3');

  /** Slack answers on response_url after the ack: wait for those replies so the next figure starts quiet. */
  async function slackBlock(n: number, offset: number): Promise<number[]> {
    const before = platforms.dropReplies();
    const ms = await timed(n, (i) => slack(i + offset));
    for (let i = 0; platforms.dropReplies() - before < n && i < 3000; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    return ms;
  }

  await timed(opts.warmup, healthz);
  await slackBlock(opts.warmup, 0);
  await timed(opts.warmup, discord);

  const healthzMs = await timed(opts.requests, healthz);
  const slackMs = await slackBlock(opts.requests, opts.warmup);
  const discordMs = await timed(opts.requests, (i) => discord(i + opts.warmup));
  return { requests: opts.requests, concurrency: opts.concurrency, healthz: summarize(healthzMs), slack: summarize(slackMs), discord: summarize(discordMs), failed };
}
