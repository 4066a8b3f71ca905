import type { Config } from './config.js';
import { hasDiscord, hasSlack } from './config.js';
import type { Logger } from './core/command.js';
import type { Content } from './core/content/loader.js';
import { createCore } from './core/core.js';
import type { Clock, Poster, Store } from './core/ports.js';
import { openDatabase, type Database } from './db/client.js';
import { createPgStore } from './db/store.js';
import { createDiscordAdapter } from './adapters/discord/index.js';
import { createSlackAdapter } from './adapters/slack/index.js';
import type { PlatformAdapter } from './adapters/types.js';
import { mountMetrics } from './http/metrics-route.js';
import { createHttpServer, type HttpServer } from './http/server.js';
import { instrumentCore, instrumentStore, type InstrumentedCore } from './instrument.js';
import { maskUrl } from './logger.js';
import type { Metrics } from './metrics.js';
import { createScheduler, type Scheduler } from './scheduler/scheduler.js';

export interface AppDeps {
  config: Config;
  content: Content;
  logger: Logger;
  metrics: Metrics;
  clock: Clock;
}

/** The parts every mode shares: database, store, instrumented core. */
export interface Base {
  database: Database;
  store: Store;
  core: InstrumentedCore;
}

export async function openBase({ config, content, logger, metrics, clock }: AppDeps): Promise<Base> {
  const database = await openDatabase(config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.DATA_DIR });
  logger.info({ database: database.kind, at: config.DATABASE_URL ? maskUrl(config.DATABASE_URL) : config.DATA_DIR }, 'database ready');
  const store = instrumentStore(createPgStore(database.db), metrics);
  const core = instrumentCore(createCore({ store, content, clock, random: Math.random, logger }), metrics, logger);
  return { database, store, core };
}

/** Counts each failed platform post by platform and error code. */
function countedPoster(platform: string, poster: Poster, metrics: Metrics): Poster {
  return {
    async post(channel, reply, key, options) {
      try {
        return await poster.post(channel, reply, key, options);
      } catch (err) {
        const code = String((err as { code?: unknown }).code ?? (err as Error).name ?? 'error').slice(0, 40);
        metrics.platformApiErrors.inc({ platform, code });
        throw err;
      }
    },
  };
}

export interface ServerApp {
  http: HttpServer;
  port: number;
  core: InstrumentedCore;
  /** Stops taking requests, finishes in-flight work, stops the scheduler, closes platforms and the database. */
  stop(): Promise<void>;
}

/** Server mode: the platform adapters on the shared HTTP server, the scheduler, probes and metrics. */
export async function startServer(deps: AppDeps): Promise<ServerApp> {
  const { config, logger, metrics } = deps;
  const base = await openBase(deps);
  const http = createHttpServer(logger);
  mountMetrics(http, metrics.registry);
  http.addReadinessCheck('database', async () => void (await base.database.ping()));

  const adapterDeps = {
    config,
    core: base.core,
    logger,
    http,
    onRateLimited: (platform: string) => metrics.rateLimited.inc({ platform }),
    onFollowUpsWaiting: (platform: string, waiting: number) => metrics.followUpsWaiting.set({ platform }, waiting),
    onBusy: (platform: string) => metrics.busyRefusals.inc({ platform }),
  };
  const adapters: PlatformAdapter[] = [];
  if (hasSlack(config)) adapters.push(createSlackAdapter(adapterDeps));
  if (hasDiscord(config)) adapters.push(createDiscordAdapter(adapterDeps));
  for (const adapter of adapters) http.addReadinessCheck(adapter.platform, () => adapter.readiness());

  for (const adapter of adapters) await adapter.start();
  const port = await http.listen(config.PORT);
  logger.info({ port, platforms: adapters.map((a) => a.platform) }, 'listening');

  const scheduler: Scheduler = createScheduler({
    store: base.store,
    content: deps.content,
    clock: deps.clock,
    random: Math.random,
    logger,
    posters: Object.fromEntries(adapters.map((a) => [a.platform, countedPoster(a.platform, a.poster, metrics)])),
    onOutcome: (kind, outcome) => metrics.scheduledPosts.inc({ kind, outcome }),
  });
  scheduler.start();

  return {
    http,
    port,
    core: base.core,
    async stop() {
      await http.close();
      await scheduler.stop();
      await base.core.drain();
      await Promise.allSettled(adapters.map((a) => a.stop()));
      await base.database.close();
    },
  };
}
