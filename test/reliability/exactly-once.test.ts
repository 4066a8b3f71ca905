import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../src/adapters/slack/index.js';
import type { Invocation } from '../../src/core/types.js';
import { createHttpServer } from '../../src/http/server.js';
import { apiMessage } from '../adapters/discord/fake/state.js';
import { buttonInteraction, fakeUser } from '../adapters/discord/fake/users.js';
import { buttonsOf as discordButtons, interactionEvent, lastWithButtons, signRequest, startRig, type Rig } from '../adapters/discord/rig.js';
import { buttonsOf, SlackDriver, textOf } from '../adapters/slack/slack-driver.js';
import { ADA, useSlackApp } from '../adapters/slack/use-slack-app.js';
import { rowCounts } from '../support/databases.js';
import { useHarness } from '../support/harness.js';

/**
 * Slack retries a delivery it got no quick answer for (X-Slack-Retry-Num 1–3), Discord can deliver
 * an interaction twice, and people double-click: each counts once, whatever replica it lands on.
 */

const FORM = 'application/x-www-form-urlencoded';
const ANSWER = 'I would roll out behind a canary with a small share of traffic, watch p95 latency and drift, and roll back automatically.';
/** Deliveries sent (originals, retries, repeats, double clicks) and the distinct actions they stood for. */
const figures = { deliveries: 0, recorded: 0 };

describe('Slack: retried deliveries and double clicks count once', () => {
  const h = useHarness('pglite');
  const s = useSlackApp(h);

  async function deliverWithRetries(body: string, opts: { together?: boolean } = {}) {
    const sends = [0, 1, 2, 3].map((retryNum) => () => s.driver.send(body, FORM, retryNum ? { retryNum } : {}));
    const results = opts.together ? await Promise.all(sends.map((send) => send())) : await sends.reduce<Promise<{ status: number }[]>>(async (acc, send) => [...(await acc), await send()], Promise.resolve([]));
    figures.deliveries += results.length;
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  }

  it('a slash command delivered with X-Slack-Retry-Num 1, 2 and 3 starts one quiz and answers once', async () => {
    const { body, responseId } = s.driver.commandBody(ADA, '/quiz', '2');
    await deliverWithRetries(body);
    await s.adapter.stop(); // waits for the work in flight
    expect(s.fake.responsesTo(responseId)).toHaveLength(1);
    expect((await rowCounts(h.db)).quiz_sessions).toBe(1);
    expect(s.invocations).toHaveLength(1);
    figures.recorded += 1;
  });

  it('a click and its three retries, one after another or all at once, record one answer', async () => {
    const responseIds: string[] = [];
    for (const together of [false, true]) {
      const question = await s.driver.commandReply(ADA, '/quiz', '1');
      const { body, responseId } = s.driver.clickBody(ADA, buttonsOf(question.body)[0]!);
      await deliverWithRetries(body, { together });
      responseIds.push(responseId);
    }
    await s.adapter.stop(); // waits for the work in flight
    expect(responseIds.map((id) => s.fake.responsesTo(id).length)).toEqual([1, 1]);
    expect((await rowCounts(h.db)).answers).toBe(2);
    expect(s.invocations.filter((i) => i.kind === 'action')).toHaveLength(2);
    figures.recorded += 2;
  });

  it('a modal submission and its retries record one drill answer', async () => {
    const drill = await s.driver.commandReply(ADA, '/drill');
    await s.driver.click(ADA, buttonsOf(drill.body).find((b) => b.text === 'Answer')!);
    const view = (await s.fake.apiCall('views.open')).args.view as Record<string, unknown>;
    await deliverWithRetries(s.driver.submitBody(ADA, view, { answer: ANSWER }));
    await s.adapter.stop();
    expect((await rowCounts(h.db)).interview_answers).toBe(1);
    expect(s.invocations.filter((i) => i.kind === 'submit')).toHaveLength(1);
    figures.recorded += 1;
  });

  it('five clicks on one button at once (double clicks, new deliveries each) record one answer and all show the same', async () => {
    const question = await s.driver.commandReply(ADA, '/quiz', '2');
    const button = buttonsOf(question.body)[1]!;
    const clicks = await Promise.all(Array.from({ length: 5 }, () => s.driver.click(ADA, button)));
    figures.deliveries += clicks.length;
    const shown = await Promise.all(clicks.map((c) => s.fake.responseFor(c.responseId!)));
    expect(new Set(shown.map((r) => textOf(r.body))).size).toBe(1);
    expect((await rowCounts(h.db)).answers).toBe(1);
    figures.recorded += 1;
  });

  it('a retry that lands on another replica (its own dedupe memory) still records one answer', async () => {
    const logger = { info() {}, warn() {}, error: (o: object) => s.errors.push(o) };
    const http = createHttpServer(logger);
    const invocations: Invocation[] = [];
    const replica = createSlackAdapter({ config: s.config, core: { handle: (inv) => (invocations.push(inv), h.core.handle(inv)) }, logger, http });
    await replica.start();
    const other = new SlackDriver(`http://127.0.0.1:${await http.listen(0, '127.0.0.1')}/slack/events`, s.fake);
    try {
      const question = await s.driver.commandReply(ADA, '/quiz', '1');
      const { body, responseId } = s.driver.clickBody(ADA, buttonsOf(question.body)[2]!);
      expect((await s.driver.send(body, FORM)).status).toBe(200);
      expect((await other.send(body, FORM, { retryNum: 1 })).status).toBe(200);
      figures.deliveries += 2;
      const [first, second] = [await s.fake.nthResponse(responseId, 1), await s.fake.nthResponse(responseId, 2)];
      expect(textOf(second.body)).toBe(textOf(first.body));
      expect(invocations).toHaveLength(1);
      expect((await rowCounts(h.db)).answers).toBe(1);
      figures.recorded += 1;
    } finally {
      await replica.stop();
      await http.close();
    }
    expect(s.errors).toEqual([]);
  });
});

describe('Discord: repeated interactions and double clicks count once', () => {
  const h = useHarness('pglite');
  const rigs: Rig[] = [];
  afterEach(async () => {
    for (const rig of rigs.splice(0).reverse()) {
      await rig.close();
      expect(rig.logs.filter((l) => l.level === 'error')).toEqual([]);
    }
  });
  const start = async (opts: Parameters<typeof startRig>[1] = {}) => {
    const rig = await startRig(h.core, opts);
    rigs.push(rig);
    return rig;
  };

  /** A one-question quiz and the interaction of a click on its first choice. */
  async function clickOnQuiz(rig: Rig, name: string) {
    const user = fakeUser(name);
    const quiz = await rig.slash(user, '/quiz count:1', 'http');
    const message = lastWithButtons(quiz)!;
    return { user, message, customId: discordButtons(message)[0]!.customId, raw: buttonInteraction(user, apiMessage(message), discordButtons(message)[0]!.customId) };
  }

  it('the same click delivered twice over the gateway, twice over HTTP, and once to each of two replicas: one answer each time', async () => {
    const one = await start();
    const two = await start({ sharedFake: one.fake });

    const gateway = await clickOnQuiz(one, 'Ada');
    one.fake.state.deliver(gateway.raw);
    const answered = interactionEvent(one.fake, 'response', gateway.raw.id);
    expect(one.fake.gateway.dispatch('INTERACTION_CREATE', gateway.raw)).toBe(2); // both replicas hold a session
    expect(one.fake.gateway.dispatch('INTERACTION_CREATE', gateway.raw)).toBe(2);
    await answered;
    await Promise.all([one.adapter.idle(), two.adapter.idle()]);

    const http = await clickOnQuiz(one, 'Bo');
    one.fake.state.deliver(http.raw);
    const body = JSON.stringify(http.raw);
    const post = (rig: Rig) => fetch(`${rig.appUrl}/discord/interactions`, { method: 'POST', headers: { 'content-type': 'application/json', ...signRequest(body) }, body });
    const statuses = await Promise.all([post(one), post(one), post(two)]);
    await Promise.all([one.adapter.idle(), two.adapter.idle()]);
    figures.deliveries += 7;

    expect(statuses.map((r) => r.status).sort()).toEqual([200, 200, 409]);
    expect(one.fake.state.interactions.get(gateway.raw.id)!.response).toBeDefined();
    expect((await rowCounts(h.db)).answers).toBe(2);
    figures.recorded += 2;
  });

  it('five clicks on one button at once (new interactions each) record one answer and every click is answered', async () => {
    const rig = await start({ gateway: false });
    const { user, message, customId } = await clickOnQuiz(rig, 'Cy');
    const answers = await Promise.all(Array.from({ length: 5 }, () => rig.click(user, message, customId, 'http')));
    figures.deliveries += answers.length;
    expect(answers.every((a) => a.record.response?.type === 4)).toBe(true);
    expect((await rowCounts(h.db)).answers).toBe(1);
    figures.recorded += 1;
    console.info(`exactly once: ${figures.deliveries} deliveries (originals, retries, repeats, double clicks) of ${figures.recorded} distinct actions; each recorded once, duplicates 0`);
  });
});
