import { afterEach, describe, expect, it } from 'vitest';
import { rowCounts } from '../../support/databases.js';
import { useHarness } from '../../support/harness.js';
import { slashInteraction, fakeUser } from './fake/users.js';
import { interactionEvent, signRequest, startRig, textOfAnswer, type Rig } from './rig.js';

describe('Discord: one answer per interaction', () => {
  const h = useHarness('pglite');
  const rigs: Rig[] = [];
  const start = async (opts: Parameters<typeof startRig>[1] = {}) => {
    const rig = await startRig(h.core, opts);
    rigs.push(rig);
    return rig;
  };
  afterEach(async () => {
    for (const rig of rigs.splice(0).reverse()) {
      await rig.close();
      expect(rig.logs.filter((l) => l.level === 'error')).toEqual([]);
    }
  });
  const ada = fakeUser('Ada');

  it('the same gateway interaction delivered twice is answered once and handled once', async () => {
    const rig = await start();
    const raw = slashInteraction(ada, rig.commands, '/quiz count:2');
    const answer = await rig.send(raw, 'gateway');
    rig.fake.gateway.dispatch('INTERACTION_CREATE', raw);
    // The gateway keeps order: once a later interaction is answered, the repeat was seen and dropped.
    await rig.slash(ada, '/goal list', 'gateway');
    expect(answer.record.callbackAttempts).toBe(1);
    expect(rig.fake.state.visible(raw.id)).toHaveLength(1);
    expect((await rowCounts(h.db)).quiz_sessions).toBe(1);
  });

  it('a replayed HTTP interaction gets 409 and no second answer', async () => {
    const rig = await start({ gateway: false });
    const raw = slashInteraction(ada, rig.commands, '/quiz count:2');
    rig.fake.state.deliver(raw);
    const body = JSON.stringify(raw);
    const post = () => fetch(`${rig.appUrl}/discord/interactions`, { method: 'POST', headers: { 'content-type': 'application/json', ...signRequest(body) }, body });
    const [first, second] = await Promise.all([post(), post()]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const third = await post();
    expect(third.status).toBe(409);
    await rig.adapter.idle();
    expect((await rowCounts(h.db)).quiz_sessions).toBe(1);
  });

  it('two gateway replicas get the same interaction: one answers, the other meets 40060 quietly', async () => {
    const one = await start();
    const two = await start({ sharedFake: one.fake });
    const raw = slashInteraction(ada, one.commands, '/goal set text:Ship the canary lesson');
    const record = one.fake.state.deliver(raw);
    const bothTried = new Promise<void>((resolve) => one.fake.state.on('callback', (r) => r === record && r.callbackAttempts === 2 && resolve()));
    expect(one.fake.gateway.dispatch('INTERACTION_CREATE', raw)).toBe(2);
    await bothTried;
    await Promise.all([one.adapter.idle(), two.adapter.idle()]);
    expect(one.fake.state.visible(raw.id)).toHaveLength(1);
    const quiet = [...one.logs, ...two.logs].filter((l) => (l.obj as { code?: number }).code === 40060);
    expect(quiet.map((l) => l.level)).toEqual(['info']);
    // The goal itself is stored once: the core's writes are idempotent.
    expect((await rowCounts(h.db)).weekly_goals).toBe(1);

  });

  it('an interaction that expired before the answer (10062) is logged as info and the bot carries on', async () => {
    const rig = await start();
    const raw = slashInteraction(ada, rig.commands, '/progress');
    const record = rig.fake.state.deliver(raw);
    record.expired = true;
    const tried = interactionEvent(rig.fake, 'callback', raw.id);
    rig.fake.gateway.dispatch('INTERACTION_CREATE', raw);
    await tried;
    await rig.adapter.idle();
    expect(rig.logs.filter((l) => l.level !== 'info')).toEqual([]);
    expect(rig.logs.some((l) => (l.obj as { code?: number }).code === 10062)).toBe(true);
    expect(rig.fake.state.visible(raw.id)).toEqual([]);
    expect(textOfAnswer(await rig.slash(ada, '/goal list', 'gateway'))).toContain('Weekly goals');
  });
});
