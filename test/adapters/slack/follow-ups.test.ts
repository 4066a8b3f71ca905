import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../src/adapters/slack/index.js';
import type { PlatformAdapter } from '../../../src/adapters/types.js';
import type { Invocation, Reply } from '../../../src/core/types.js';
import { createHttpServer, type HttpServer } from '../../../src/http/server.js';
import { FakeSlack } from './fake-slack.js';
import { SlackDriver } from './slack-driver.js';
import { ADA, GRACE, LINUS, MARGARET, slackConfig } from './use-slack-app.js';

/**
 * The work after an ack runs a bounded number at a time. A core that holds every invocation until
 * released shows what is running, what waits, and what is acknowledged meanwhile.
 */
describe('Slack follow-ups: acknowledged at once, run a few at a time, refused (BUSY) past the backlog', () => {
  const fake = new FakeSlack();
  let http: HttpServer;
  let adapter: PlatformAdapter;
  let driver: SlackDriver;
  let running = 0;
  let most = 0;
  let handled: Invocation[] = [];
  /** What the adapter reported for metrics: waiting counts in order, and BUSY refusals. */
  let waiting: number[] = [];
  let busy = 0;
  let release: () => void = () => undefined;
  let held = Promise.resolve();

  beforeAll(() => fake.start());
  afterAll(() => fake.close());
  afterEach(async () => {
    release();
    await adapter.stop();
    await http.close();
  });

  async function start(followUpsAtOnce: number, followUpBacklog: number): Promise<void> {
    fake.reset();
    for (const u of [ADA, GRACE, LINUS, MARGARET]) fake.addUser(u);
    [running, most, handled, waiting, busy] = [0, 0, [], [], 0];
    held = new Promise((resolve) => (release = resolve));
    const core = {
      async handle(inv: Invocation): Promise<Reply[]> {
        handled.push(inv);
        most = Math.max(most, ++running);
        await held;
        running--;
        return [{ type: 'message', visibility: 'ephemeral', blocks: [{ type: 'text', text: `done: ${inv.kind === 'command' ? inv.text : ''}` }] }];
      },
    };
    const logger = { info() {}, warn() {}, error() {} };
    http = createHttpServer(logger);
    const onFollowUpsWaiting = (_platform: string, n: number) => void waiting.push(n);
    adapter = createSlackAdapter({ config: slackConfig(fake.apiUrl), core, logger, http, onFollowUpsWaiting, onBusy: () => void busy++ }, { followUpsAtOnce, followUpBacklog });
    await adapter.start();
    const port = await http.listen(0, '127.0.0.1');
    driver = new SlackDriver(`http://127.0.0.1:${port}/slack/events`, fake);
  }

  /** Until `n` invocations reached the core (each waits for users.info first). */
  async function reached(n: number): Promise<void> {
    for (let i = 0; i < 500 && handled.length < n; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  it('acknowledges 6 commands while only 2 run; the other 4 run as those finish, and all 6 are answered', async () => {
    await start(2, 100);
    const users = [ADA, GRACE, LINUS, MARGARET, ADA, GRACE];
    const sent = await Promise.all(users.map((u, i) => driver.command(u, '/quiz', String(i + 1))));
    expect(sent.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    await reached(2);
    expect(handled).toHaveLength(2);
    release();
    await adapter.stop(); // waits for the follow-ups, queued ones included
    expect(handled).toHaveLength(6);
    expect(most).toBe(2);
    expect(Math.max(...waiting)).toBe(4);
    expect(waiting.at(-1)).toBe(0);
    for (const [i, r] of sent.entries()) expect(fake.responsesTo(r.responseId!), `command ${i + 1}`).toHaveLength(1);
  });

  it('past the backlog, a command is answered BUSY at once and never reaches the core', async () => {
    await start(1, 2);
    const first = await driver.command(ADA, '/quiz', '1');
    await reached(1);
    const waiting = [await driver.command(GRACE, '/quiz', '2'), await driver.command(LINUS, '/quiz', '3')];
    const refused = await driver.command(MARGARET, '/quiz', '4');
    expect(refused.status).toBe(200);
    const busyReply = await fake.responseFor(refused.responseId!);
    expect(JSON.stringify(busyReply.body)).toContain('BUSY');
    expect(handled).toHaveLength(1);
    expect(busy).toBe(1);
    release();
    await adapter.stop();
    expect(handled.map((inv) => (inv.kind === 'command' ? inv.text : ''))).toEqual(['/quiz 1', '/quiz 2', '/quiz 3']);
    for (const r of [first, ...waiting]) expect(JSON.stringify(fake.responsesTo(r.responseId!)[0]?.body)).toContain('done');
    expect(fake.responsesTo(refused.responseId!)).toHaveLength(1);
  });
});
