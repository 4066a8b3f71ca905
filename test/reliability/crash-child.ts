/**
 * The bot in server mode as crash.test.ts runs it in a child process: the real composition
 * (Postgres, the Slack and Discord adapters against the test's fakes, the scheduler) on a clock
 * stopped at CLOCK, so the first tick fans out every slot due then. The test kills it mid-fan-out
 * with SIGKILL and starts it again later on the clock; SIGTERM stops it gracefully.
 */
import { resolve } from 'node:path';
import { startServer } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { loadContent } from '../../src/core/content/loader.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';

const parsed = parseConfig(process.env);
if (!parsed.ok) throw new Error(parsed.errors.join('; '));
const clock = new Date(process.env.CLOCK ?? '');
if (Number.isNaN(clock.getTime())) throw new Error('CLOCK must be an ISO time');

const logger = createLogger(parsed.config.LOG_LEVEL);
const app = await startServer({ config: parsed.config, content: loadContent(resolve('content')), logger, metrics: createMetrics(), clock: { now: () => clock } });
process.once('SIGTERM', () => {
  void app.stop().then(() => process.exit(0));
});
