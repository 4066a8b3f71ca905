import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSlackAdapter } from '../../src/adapters/slack/index.js';
import type { Core } from '../../src/core/core.js';
import type { Invocation } from '../../src/core/types.js';
import { createHttpServer } from '../../src/http/server.js';
import { fakeUser, slashInteraction } from '../adapters/discord/fake/users.js';
import { signRequest, startRig, type Rig } from '../adapters/discord/rig.js';
import { FakeSlack } from '../adapters/slack/fake-slack.js';
import { sign, SIGNING_SECRET } from '../adapters/slack/slack-driver.js';
import { ADA, slackConfig, useSlackApp } from '../adapters/slack/use-slack-app.js';
import { rowCounts } from '../support/databases.js';
import { useHarness } from '../support/harness.js';

/**
 * Every request either platform sends is signed; a request that fails the check gets 401, and
 * nothing runs: no core invocation, no row written, no call to the platform. One place for both.
 */

const now = () => Math.floor(Date.now() / 1000);
const FORM = 'application/x-www-form-urlencoded';
let tried = 0;

// The worked example of docs.slack.dev/authentication/verifying-requests-from-slack.
const SLACK_DOC = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: 1531420618,
  body: 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};

describe("Slack's documented example request at POST /slack/events", () => {
  const fake = new FakeSlack();
  afterEach(async () => {
    vi.useRealTimers();
    await fake.close();
  });

  it('is accepted at its documented time with its documented secret, and refused once a byte changes', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: SLACK_DOC.timestamp * 1000 });
    await fake.start();
    const invocations: Invocation[] = [];
    // Nothing to answer: the example's response_url is on slack.com, and tests stay on 127.0.0.1.
    const core: Core = { handle: async (inv) => (invocations.push(inv), []) };
    const logger = { info() {}, warn() {}, error() {} };
    const http = createHttpServer(logger);
    const adapter = createSlackAdapter({ config: slackConfig(fake.apiUrl, { SLACK_SIGNING_SECRET: SLACK_DOC.secret }), core, logger, http });
    await adapter.start();
    const endpoint = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}/slack/events`;
    const post = (body: string) =>
      fetch(endpoint, { method: 'POST', headers: { 'content-type': FORM, 'x-slack-request-timestamp': String(SLACK_DOC.timestamp), 'x-slack-signature': SLACK_DOC.signature }, body });
    try {
      expect((await post(SLACK_DOC.body)).status).toBe(200);
      await adapter.stop(); // waits for the invocation in flight
      expect(invocations.map((i) => [i.actor.workspaceId, i.actor.userId, i.channelId, i.kind === 'command' && i.text])).toEqual([['T1DC2JH3J', 'U2CERLKJA', 'G8PSS9T3V', '/webhook-collect']]);
    } finally {
      await adapter.stop();
      await http.close();
    }
    tried += 1;
  });
});

describe('Slack v0 signatures: a request that fails the check runs nothing', () => {
  const h = useHarness('pglite');
  const s = useSlackApp(h);

  async function expectNothingRan(send: () => Promise<{ status: number }>, what: string) {
    const callsBefore = s.fake.calls.length;
    const res = await send();
    tried += 1;
    expect({ what, status: res.status }).toEqual({ what, status: 401 });
    expect(s.fake.calls.length, what).toBe(callsBefore);
    expect(s.fake.responses, what).toEqual([]);
    expect(s.invocations, what).toEqual([]);
    expect(Object.entries(await rowCounts(h.db)).filter(([, n]) => n > 0), what).toEqual([]);
  }

  it('accepts a correctly signed command (the control)', async () => {
    const sent = await s.driver.command(ADA, '/quiz', '1');
    expect(sent.status).toBe(200);
    await s.fake.responseFor(sent.responseId!);
    expect((await rowCounts(h.db)).quiz_sessions).toBe(1);
    tried += 1;
  });

  it('refuses a wrong secret, a changed body or timestamp, stale and future timestamps, and missing or malformed headers', async () => {
    const { body } = s.driver.commandBody(ADA, '/quiz', '3');
    const ts = now();
    const good = { 'content-type': FORM, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(SIGNING_SECRET, ts, body) };
    const raw = (headers: Record<string, string>, payload = body) => () => fetch(s.driver.endpoint, { method: 'POST', headers, body: payload });
    const without = (name: string) => Object.fromEntries(Object.entries(good).filter(([k]) => k !== name));
    const cases: [string, () => Promise<{ status: number }>][] = [
      ['signed with another secret', () => s.driver.send(body, FORM, { signature: sign('not-the-secret', ts, body), timestamp: ts })],
      ['body changed after signing', raw(good, body.replace('text=3', 'text=20'))],
      ['timestamp changed after signing', raw({ ...good, 'x-slack-request-timestamp': String(ts + 1) })],
      ['signed 6 minutes ago', () => s.driver.send(body, FORM, { timestamp: ts - 6 * 60 })],
      ['signed 6 minutes in the future', () => s.driver.send(body, FORM, { timestamp: ts + 6 * 60 })],
      ['no signature headers', raw({ 'content-type': FORM })],
      ['no signature header', raw(without('x-slack-signature'))],
      ['no timestamp header', raw(without('x-slack-request-timestamp'))],
      ['unknown signature version', raw({ ...good, 'x-slack-signature': good['x-slack-signature'].replace('v0=', 'v1=') })],
      ['signature not hex', raw({ ...good, 'x-slack-signature': `v0=${'z'.repeat(64)}` })],
      ['timestamp not a number', raw({ ...good, 'x-slack-request-timestamp': 'soon' })],
    ];
    for (const [what, send] of cases) await expectNothingRan(send, what);
  });

  it('refuses a click whose button value was changed after signing, so a choice cannot be swapped in transit', async () => {
    const { body } = s.driver.clickBody(ADA, { action_id: 'ans', value: 'ans:00000000-0000-0000-0000-000000000000:0:0', text: 'A' });
    const ts = now();
    const signature = sign(SIGNING_SECRET, ts, body);
    await expectNothingRan(() => s.driver.send(body.replace('%3A0%3A0', '%3A0%3A1'), FORM, { signature, timestamp: ts }), 'click value changed');
  });
});

describe('Discord Ed25519 signatures: a request that fails the check runs nothing', () => {
  const h = useHarness('pglite');
  let rig: Rig;
  const invocations: Invocation[] = [];
  afterEach(async () => {
    await rig.close();
    invocations.length = 0;
  });
  const start = async () => {
    rig = await startRig({ handle: (inv) => (invocations.push(inv), h.core.handle(inv)) }, { gateway: false });
  };
  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${rig.appUrl}/discord/interactions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('accepts a correctly signed interaction (the control)', async () => {
    await start();
    const raw = slashInteraction(fakeUser('Ada'), rig.commands, '/quiz count:1');
    rig.fake.state.deliver(raw);
    const body = JSON.stringify(raw);
    const res = await post(body, signRequest(body));
    tried += 1;
    expect(res.status).toBe(200);
    await rig.adapter.idle();
    expect(invocations).toHaveLength(1);
    expect((await rowCounts(h.db)).quiz_sessions).toBe(1);
  });

  it('refuses a changed body or timestamp, a random or foreign signature, stale and future timestamps, and missing headers', async () => {
    await start();
    const body = JSON.stringify(slashInteraction(fakeUser('Eve'), rig.commands, '/quiz count:3'));
    const ts = String(now());
    const good = signRequest(body, undefined, ts);
    const otherKey = generateKeyPairSync('ed25519').privateKey;
    const cases: [string, string, Record<string, string>][] = [
      ['body changed after signing', body.replace('"value":3', '"value":20'), good],
      ['timestamp changed after signing', body, { ...good, 'x-signature-timestamp': String(Number(ts) + 1) }],
      ['a random signature', body, { ...good, 'x-signature-ed25519': randomBytes(64).toString('hex') }],
      ['signed with another key', body, signRequest(body, otherKey, ts)],
      ['signed 6 minutes ago', body, signRequest(body, undefined, String(Number(ts) - 6 * 60))],
      ['signed 6 minutes in the future', body, signRequest(body, undefined, String(Number(ts) + 6 * 60))],
      ['no signature headers', body, {}],
      ['no signature header', body, { 'x-signature-timestamp': ts }],
      ['no timestamp header', body, { 'x-signature-ed25519': good['x-signature-ed25519'] }],
      ['signature truncated', body, { ...good, 'x-signature-ed25519': good['x-signature-ed25519'].slice(0, 100) }],
    ];
    for (const [what, payload, headers] of cases) {
      const res = await post(payload, headers);
      tried += 1;
      expect({ what, status: res.status }).toEqual({ what, status: 401 });
    }
    await rig.adapter.idle();
    expect(invocations).toEqual([]);
    expect(Object.entries(await rowCounts(h.db)).filter(([, n]) => n > 0)).toEqual([]);
    // Nothing reached Discord either: the only request is the command registration.
    expect(rig.fake.state.requests.map((r) => r.method)).toEqual(['PUT']);
    console.info(`authenticity: ${tried} signed and forged requests tried on Slack and Discord so far in this file; every forged one got 401 and ran nothing`);
  });
});
