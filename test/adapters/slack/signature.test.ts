import { verifySlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { rowCounts } from '../../support/databases.js';
import { useHarness } from '../../support/harness.js';
import { sign, SIGNING_SECRET } from './slack-driver.js';
import { ADA, useSlackApp } from './use-slack-app.js';

// The worked example of docs.slack.dev/authentication/verifying-requests-from-slack.
const DOC = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: 1531420618,
  body: 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};

describe("Slack's v0 signature scheme", () => {
  it("signs Slack's documented example to the documented signature", () => {
    expect(sign(DOC.secret, DOC.timestamp, DOC.body)).toBe(DOC.signature);
  });

  it("is accepted by Bolt's verifier at the example's time and refused five minutes later", () => {
    const request = { signingSecret: DOC.secret, body: DOC.body, headers: { 'x-slack-signature': DOC.signature, 'x-slack-request-timestamp': DOC.timestamp } };
    expect(() => verifySlackRequest({ ...request, nowMilliseconds: DOC.timestamp * 1000 })).not.toThrow();
    expect(() => verifySlackRequest({ ...request, nowMilliseconds: (DOC.timestamp + 301) * 1000 })).toThrow(/stale/);
    expect(() => verifySlackRequest({ ...request, body: `${DOC.body}x`, nowMilliseconds: DOC.timestamp * 1000 })).toThrow(/signature mismatch/);
  });
});

describe('POST /slack/events verifies every request', () => {
  const h = useHarness('pglite');
  const s = useSlackApp(h);
  const now = () => Math.floor(Date.now() / 1000);

  async function expectRefused(send: () => Promise<{ status: number }>) {
    const callsBefore = s.fake.calls.length;
    const res = await send();
    expect(res.status).toBe(401);
    expect(s.fake.calls.length).toBe(callsBefore);
    expect(s.fake.responses).toEqual([]);
    expect(s.invocations).toEqual([]);
    expect(Object.values(await rowCounts(h.db)).every((n) => n === 0)).toBe(true);
  }

  it('answers a correctly signed slash command', async () => {
    const reply = await s.driver.commandReply(ADA, '/study', 'help');
    expect(reply.body.response_type).toBe('ephemeral');
    expect(reply.body.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', emoji: true, text: 'MLOps study bot · help' } });
  });

  it('refuses a forged signature and records nothing', async () => {
    const { body } = s.driver.commandBody(ADA, '/quiz', '3');
    await expectRefused(() => s.driver.send(body, 'application/x-www-form-urlencoded', { signature: sign('not-the-secret', now(), body) }));
  });

  it('refuses a body changed after signing', async () => {
    const { body } = s.driver.commandBody(ADA, '/quiz', '3');
    const signature = sign(SIGNING_SECRET, now(), body);
    await expectRefused(() => s.driver.send(body.replace('text=3', 'text=20'), 'application/x-www-form-urlencoded', { signature, timestamp: now() }));
  });

  it('refuses a stale timestamp (over 5 minutes old), even correctly signed', async () => {
    const { body } = s.driver.commandBody(ADA, '/quiz', '3');
    await expectRefused(() => s.driver.send(body, 'application/x-www-form-urlencoded', { timestamp: now() - 6 * 60 }));
  });

  it('refuses a future-dated timestamp (over 5 minutes ahead), even correctly signed', async () => {
    const { body } = s.driver.commandBody(ADA, '/quiz', '3');
    await expectRefused(() => s.driver.send(body, 'application/x-www-form-urlencoded', { timestamp: now() + 6 * 60 }));
  });

  it('refuses a request without signature headers', async () => {
    const { body } = s.driver.commandBody(ADA, '/quiz', '3');
    await expectRefused(() => fetch(s.driver.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }));
  });

  it('accepts clocks up to 4 minutes apart in either direction', async () => {
    for (const skew of [-240, 240]) {
      const sent = await s.driver.command(ADA, '/study', 'help', { timestamp: now() + skew });
      expect(sent.status).toBe(200);
      await s.fake.responseFor(sent.responseId!);
    }
  });

  it("answers Slack's url_verification challenge when signed", async () => {
    const body = JSON.stringify({ token: 't', challenge: 'c-123', type: 'url_verification' });
    const res = await s.driver.send(body, 'application/json');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ challenge: 'c-123' });
  });
});
