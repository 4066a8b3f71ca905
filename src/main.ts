import { resolve } from 'node:path';
import { hasDiscord, hasSlack, parseConfig } from './config.js';
import { ContentInvalidError, loadContent } from './core/content/loader.js';
import { createCore } from './core/core.js';
import { runConsole } from './adapters/console/run.js';
import { openDatabase } from './db/client.js';
import { createPgStore } from './db/store.js';
import { createLogger } from './logger.js';

/** Composition root: config → content → database → core → adapter. */
async function main(): Promise<number> {
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    for (const line of parsed.errors) console.error(`config error: ${line}`);
    return 2;
  }
  const config = parsed.config;
  // In console mode stdout is the conversation, so logs go to stderr.
  const logger = createLogger(config.LOG_LEVEL);

  let content;
  try {
    content = loadContent(resolve('content'));
  } catch (err) {
    if (err instanceof ContentInvalidError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }

  if (hasSlack(config) || hasDiscord(config)) {
    console.error('Slack and Discord adapters are not in this build yet; unset SLACK_* and DISCORD_* to use console mode.');
    return 2;
  }

  const database = await openDatabase(config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.DATA_DIR });
  const core = createCore({ store: createPgStore(database.db), content, clock: { now: () => new Date() }, random: Math.random, logger });
  const userFlag = process.argv.indexOf('--user');
  const user = (userFlag >= 0 ? process.argv[userFlag + 1] : undefined) ?? process.env.USER ?? 'you';
  try {
    await runConsole(core, { user, input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) });
  } finally {
    await database.close();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`fatal: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
