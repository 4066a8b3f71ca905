import { sql } from 'drizzle-orm';
import { createSlackAdapter } from '../src/adapters/slack/index.js';
import { parseConfig } from '../src/config.js';
import type { Db } from '../src/db/client.js';
import { createPgStore } from '../src/db/store.js';
import { createHttpServer } from '../src/http/server.js';
import { createScheduler, type TickReport } from '../src/scheduler/scheduler.js';
import { BOT_TOKEN, FakeSlack, TEAM_ID } from '../test/adapters/slack/fake-slack.js';
import { SIGNING_SECRET } from '../test/adapters/slack/slack-driver.js';
import { benchContent, quietLogger } from './lib/core-app.js';
import { rowsOf } from './lib/scratch-db.js';
import { startLimitedSlack, type PostLimits } from './lib/slack-limits.js';

export interface FanOutResult {
  channels: number;
  posts: number;
  limits: PostLimits;
  /** From the tick's start to its end (every post sent and recorded). */
  seconds: number;
  /** The least time any sender could take under the limits. */
  minimumSeconds: number;
  /** Slots claimed but not posted and recorded by the tick's end (posts this run lost). */
  lost: number;
  /** Messages in the fake beyond one per slot (should be 0). */
  duplicates: number;
  refused: { channel: number; workspace: number };
  /** Messages Slack accepted in each second of the tick. */
  perSecond: number[];
  report: TickReport;
}

/**
 * One scheduler tick posting the daily drill and the goal reminder of `channels` Slack study groups
 * (2 posts per channel, composed by the core), through the real Slack adapter's poster, to the fake
 * Slack behind Slack's chat.postMessage limits.
 */
export async function fanOutBench(db: Db, opts: { channels: number; limits: PostLimits }): Promise<FanOutResult> {
  const tick = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const [ws] = await rowsOf<{ id: number }>(db, sql`insert into workspaces (platform, external_id) values ('slack', ${TEAM_ID}) returning id`);
  await db.execute(sql`insert into study_groups (workspace_id, channel_id, setup_at, days)
    select ${ws!.id}, 'CFAN' || g, ${tick.toISOString()}::timestamptz, '{mon,tue,wed,thu,fri,sat,sun}' from generate_series(1, ${opts.channels}) g`);
  await db.execute(sql`insert into group_schedules (group_id, kind, next_run_at)
    select g.id, k.kind, ${tick.toISOString()}::timestamptz from study_groups g cross join (values ('drill'), ('reminder')) k(kind) where g.workspace_id = ${ws!.id}`);
  const posts = 2 * opts.channels;

  const fake = new FakeSlack();
  await fake.start();
  const limited = await startLimitedSlack(fake.apiUrl, opts.limits);
  const logger = quietLogger();
  const parsed = parseConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: limited.apiUrl });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const http = createHttpServer(logger);
  const core = { handle: async () => [] };
  const adapter = createSlackAdapter({ config: parsed.config, core, logger, http });
  await adapter.start();
  const store = createPgStore(db);
  const scheduler = createScheduler({ store, content: benchContent(), clock: { now: () => new Date() }, random: Math.random, logger, posters: { slack: adapter.poster } });
  try {
    const started = performance.now();
    const report = await scheduler.tick(tick);
    const seconds = (performance.now() - started) / 1000;
    const perSecond: number[] = [];
    for (const t of limited.stats.acceptedAt) perSecond[Math.floor((t - started) / 1000)] = (perSecond[Math.floor((t - started) / 1000)] ?? 0) + 1;

    const [done] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from scheduled_deliveries where completed_at is not null`);
    const delivered = [...fake.channels.values()].reduce((n, list) => n + list.length, 0);
    const { workspacePerSecond, perChannelMs } = opts.limits;
    // Under a one-second window of W messages, N messages need ceil(N / W) - 1 s; a channel's two need one gap.
    const minimumSeconds = Math.max(Math.ceil(posts / workspacePerSecond) - 1, perChannelMs / 1000);
    return {
      channels: opts.channels,
      posts,
      limits: opts.limits,
      seconds,
      minimumSeconds,
      lost: posts - (done?.n ?? 0),
      duplicates: Math.max(0, delivered - posts),
      refused: { channel: limited.stats.refusedChannel, workspace: limited.stats.refusedWorkspace },
      perSecond: Array.from(perSecond, (n) => n ?? 0),
      report,
    };
  } finally {
    await scheduler.stop();
    await adapter.stop();
    await limited.close();
    await fake.close();
  }
}
