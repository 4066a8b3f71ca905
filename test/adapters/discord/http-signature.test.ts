import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core/core.js';
import type { Invocation } from '../../../src/core/types.js';
import { MAX_SIGNATURE_AGE_SECONDS } from '../../../src/adapters/discord/verify.js';
import { pingInteraction, slashInteraction, fakeUser } from './fake/users.js';
import { signRequest, startRig, type Rig } from './rig.js';

const seen: Invocation[] = [];
const recordingCore: Core = {
  handle: async (inv) => {
    seen.push(inv);
    return [{ type: 'message', visibility: 'ephemeral', blocks: [{ type: 'text', text: 'ok' }] }];
  },
};

describe('Discord HTTP interactions endpoint', () => {
  let rig: Rig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
    seen.length = 0;
  });

  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${rig!.appUrl}/discord/interactions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('answers a signed PING with PONG (how Discord checks the endpoint URL)', async () => {
    rig = await startRig(recordingCore, { gateway: false });
    const body = JSON.stringify(pingInteraction());
    const res = await post(body, signRequest(body));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ type: 1 });
  });

  it('refuses bad signatures with 401 and never reaches the core', async () => {
    rig = await startRig(recordingCore, { gateway: false });
    const body = JSON.stringify(slashInteraction(fakeUser('Eve'), rig.commands, '/progress'));
    const otherKey = generateKeyPairSync('ed25519').privateKey;
    const now = Math.floor(Date.now() / 1000);
    const good = signRequest(body);
    const cases: Record<string, [string, Record<string, string>]> = {
      'signed with another key': [body, signRequest(body, otherKey)],
      'body changed after signing': [body.replace('progress', 'progresz'), good],
      'timestamp changed after signing': [body, { ...good, 'x-signature-timestamp': String(now + 1) }],
      'no signature headers': [body, {}],
      'signature not hex': [body, { ...good, 'x-signature-ed25519': 'zz'.repeat(64) }],
      'signature truncated': [body, { ...good, 'x-signature-ed25519': good['x-signature-ed25519'].slice(0, 100) }],
      'a replay older than the allowed age': [body, signRequest(body, undefined, String(now - MAX_SIGNATURE_AGE_SECONDS - 60))],
    };
    for (const [what, [payload, headers]] of Object.entries(cases)) {
      const res = await post(payload, headers);
      expect({ what, status: res.status }).toEqual({ what, status: 401 });
    }
    expect(seen).toEqual([]);
    // Nothing reached Discord either: the only request is the command registration.
    expect(rig.fake.state.requests.map((r) => r.method)).toEqual(['PUT']);
  });

  it('refuses a signed body that is not an interaction with 400', async () => {
    rig = await startRig(recordingCore, { gateway: false });
    for (const body of ['{not json', JSON.stringify({ hello: 'world' })]) {
      const res = await post(body, signRequest(body));
      expect(res.status).toBe(400);
    }
    expect(seen).toEqual([]);
  });

  it('is not mounted without DISCORD_PUBLIC_KEY', async () => {
    rig = await startRig(recordingCore, { publicKey: false });
    const body = JSON.stringify(pingInteraction());
    expect((await post(body, signRequest(body))).status).toBe(404);
  });

  it('answers 503 once the adapter is stopping', async () => {
    rig = await startRig(recordingCore, { gateway: false });
    await rig.adapter.stop();
    const body = JSON.stringify(pingInteraction());
    expect((await post(body, signRequest(body))).status).toBe(503);
    expect(await rig.adapter.readiness()).toBe('discord adapter is stopping');
  });
});
