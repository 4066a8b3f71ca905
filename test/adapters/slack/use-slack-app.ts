import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createSlackAdapter, type SlackAdapterOptions } from '../../../src/adapters/slack/index.js';
import type { PlatformAdapter } from '../../../src/adapters/types.js';
import { parseConfig, type Config } from '../../../src/config.js';
import type { Invocation } from '../../../src/core/types.js';
import { createHttpServer, type HttpServer } from '../../../src/http/server.js';
import type { Harness } from '../../support/harness.js';
import { APP_TOKEN, BOT_TOKEN, FakeSlack, type FakeUser } from './fake-slack.js';
import { SIGNING_SECRET, SlackDriver } from './slack-driver.js';

export const ADA: FakeUser = { id: 'U0ADA', name: 'ada', displayName: 'Ada' };
export const GRACE: FakeUser = { id: 'U0GRACE', name: 'grace', displayName: 'Grace', isAdmin: true };
export const LINUS: FakeUser = { id: 'U0LINUS', name: 'linus', displayName: 'Linus' };
/** Not a workspace admin, but listed in SLACK_ADMIN_IDS. */
export const MARGARET: FakeUser = { id: 'U0MARGARET', name: 'margaret', displayName: 'Margaret' };

export interface SlackApp {
  fake: FakeSlack;
  driver: SlackDriver;
  adapter: PlatformAdapter;
  http: HttpServer;
  config: Config;
  /** Every Invocation the adapter gave the core, in order. */
  invocations: Invocation[];
  /** error-level log lines of the adapter. */
  errors: object[];
  /** How often the adapter reported a 429 from Slack. */
  rateLimited: number;
}

/** Ack times of every signed request this test worker sent, reported (not asserted) after each file. */
const ackTimes: number[] = [];

export function slackConfig(apiUrl: string, extra: Record<string, string> = {}): Config {
  const parsed = parseConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: apiUrl, SLACK_ADMIN_IDS: MARGARET.id, ...extra });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.config;
}

export const socketConfig = (apiUrl: string) => slackConfig(apiUrl, { SLACK_APP_TOKEN: APP_TOKEN });

/** The real app in HTTP mode on a shared server at 127.0.0.1, the real core and store behind it, a fake Slack in front. */
export function useSlackApp(h: Harness, options: SlackAdapterOptions = {}): SlackApp {
  const s = { fake: new FakeSlack(), invocations: [] as Invocation[], errors: [] as object[] } as SlackApp;
  beforeAll(async () => {
    await s.fake.start();
  });
  beforeEach(async () => {
    s.fake.reset();
    for (const u of [ADA, GRACE, LINUS, MARGARET]) s.fake.addUser(u);
    s.invocations = [];
    s.errors = [];
    const logger = { info() {}, warn() {}, error: (obj: object) => s.errors.push(obj) };
    const core = { handle: (inv: Invocation) => (s.invocations.push(inv), h.core.handle(inv)) };
    s.config = slackConfig(s.fake.apiUrl);
    s.http = createHttpServer(logger);
    s.rateLimited = 0;
    s.adapter = createSlackAdapter({ config: s.config, core, logger, http: s.http, onRateLimited: () => void s.rateLimited++ }, options);
    await s.adapter.start();
    const port = await s.http.listen(0, '127.0.0.1');
    s.driver = new SlackDriver(`http://127.0.0.1:${port}/slack/events`, s.fake);
  });
  afterEach(async () => {
    ackTimes.push(...s.driver.ackMs);
    await s.adapter.stop();
    await s.http.close();
  });
  afterAll(async () => {
    await s.fake.close();
    if (ackTimes.length > 0) {
      const sorted = [...ackTimes].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)]!;
      console.info(`slack ack latency, ${sorted.length} requests in this worker so far: median ${median.toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`);
    }
  });
  return s;
}
