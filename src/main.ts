import { resolve } from 'node:path';
import { createConsolePoster } from './adapters/console/poster.js';
import { scheduleLocalGroup } from './adapters/console/local-group.js';
import { ansi, plain } from './adapters/console/render.js';
import { runConsole } from './adapters/console/run.js';
import { ConsoleSession } from './adapters/console/session.js';
import { openBase, startServer, type AppDeps } from './app.js';
import { hasDiscord, hasSlack, parseConfig } from './config.js';
import { ContentInvalidError, loadContent, type Content } from './core/content/loader.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';
import { createScheduler } from './scheduler/scheduler.js';

/** How long a graceful shutdown may take before the process gives up and exits anyway. */
const SHUTDOWN_LIMIT_MS = 10_000;

/** Console mode: a terminal session on the embedded (or configured) database; scheduled posts appear when interactive. */
async function runConsoleMode(deps: AppDeps): Promise<number> {
  const { database, store, core } = await openBase(deps);
  const userFlag = process.argv.indexOf('--user');
  const user = (userFlag >= 0 ? process.argv[userFlag + 1] : undefined) ?? process.env.USER ?? 'you';
  const interactive = Boolean(process.stdin.isTTY);
  const session = new ConsoleSession(core, user, interactive ? ansi : plain);
  // Scripted (piped) runs stay deterministic: the local group's drills only appear for a person at a prompt.
  const scheduler = interactive
    ? createScheduler({ ...deps, store, random: Math.random, posters: { console: createConsolePoster({ output: process.stdout, session, interactive }) } })
    : undefined;
  try {
    if (scheduler) {
      await scheduleLocalGroup(store, deps.clock.now());
      scheduler.start();
    }
    await runConsole(core, { user, input: process.stdin, output: process.stdout, interactive, session });
  } finally {
    await scheduler?.stop();
    await database.close();
  }
  return 0;
}

/** Server mode: runs until SIGTERM or SIGINT, then shuts down gracefully within the limit. */
async function runServerMode(deps: AppDeps): Promise<number> {
  const app = await startServer(deps);
  const signal = await new Promise<NodeJS.Signals>((resolveSignal) => {
    process.once('SIGTERM', () => resolveSignal('SIGTERM'));
    process.once('SIGINT', () => resolveSignal('SIGINT'));
  });
  const started = Date.now();
  deps.logger.info({ signal, inFlight: app.core.inFlight() }, 'shutting down');
  const timer = setTimeout(() => {
    deps.logger.error({ limitMs: SHUTDOWN_LIMIT_MS }, 'shutdown took too long; exiting');
    process.exit(1);
  }, SHUTDOWN_LIMIT_MS);
  timer.unref();
  await app.stop();
  deps.logger.info({ ms: Date.now() - started }, 'shut down');
  return 0;
}

async function main(): Promise<number> {
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    for (const line of parsed.errors) console.error(`config error: ${line}`);
    return 2;
  }
  const config = parsed.config;
  const serverMode = hasSlack(config) || hasDiscord(config);
  // Logs are JSON on stderr. In console mode the terminal is the conversation, so unless LOG_LEVEL
  // is set only warnings and errors are written there.
  const logger = createLogger(serverMode || process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn');
  let content: Content;
  try {
    content = loadContent(resolve('content'));
  } catch (err) {
    if (err instanceof ContentInvalidError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
  const deps: AppDeps = { config, content, logger, metrics: createMetrics(), clock: { now: () => new Date() } };
  return serverMode ? runServerMode(deps) : runConsoleMode(deps);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`fatal: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
