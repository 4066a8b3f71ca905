import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core/core.js';
import type { Invocation, MessageReply, Reply } from '../../../src/core/types.js';
import { messageProblems } from './fake/limits.js';
import { slashInteraction, fakeUser } from './fake/users.js';
import { buttonsOf, interactionEvent, startRig, textOfAnswer, textOfMessage, type Rig } from './rig.js';

/** A core that answers with fixed replies, to reach rendering and delivery paths the real commands rarely take. */
function fixedCore(replies: Reply[] | (() => Promise<Reply[]>)): Core & { seen: Invocation[] } {
  const seen: Invocation[] = [];
  return {
    seen,
    handle: async (inv) => {
      seen.push(inv);
      return typeof replies === 'function' ? replies() : replies;
    },
  };
}

const msg = (visibility: MessageReply['visibility'], text: string, extra: Partial<MessageReply> = {}): MessageReply => ({ type: 'message', visibility, blocks: [{ type: 'text', text }], ...extra });
const ada = fakeUser('Ada');

describe('Discord delivery', () => {
  let rig: Rig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('defers slow work ("thinking…") and edits the answer in when the core is done', async () => {
    let finish!: (r: Reply[]) => void;
    const core = fixedCore(() => new Promise<Reply[]>((resolve) => (finish = resolve)));
    rig = await startRig(core, { deferAfterMs: 50 });
    const raw = slashInteraction(ada, rig.commands, '/progress');
    rig.fake.state.deliver(raw);
    const deferred = interactionEvent(rig.fake, 'response', raw.id);
    const edited = interactionEvent(rig.fake, 'edit', raw.id);
    rig.fake.gateway.dispatch('INTERACTION_CREATE', raw);
    expect((await deferred).response).toEqual({ type: 5, data: { flags: 64 } });
    finish([msg('ephemeral', 'Your progress, at last.', { title: 'Progress' }), msg('ephemeral', 'And one more thing.')]);
    await edited;
    await rig.adapter.idle();
    const shown = rig.fake.state.visible(raw.id);
    expect(shown.map(textOfMessage)).toEqual(['Progress\nYour progress, at last.', 'And one more thing.']);
    expect(shown.map((m) => m.ephemeral)).toEqual([true, true]);
    expect(rig.logs.filter((l) => l.level !== 'info')).toEqual([]);
  });

  it('after a deferral, a channel reply is a follow-up and the ephemeral placeholder is removed', async () => {
    rig = await startRig(fixedCore([msg('channel', 'This channel is now a study group.'), msg('ephemeral', 'Only you see this.')]), { deferAfterMs: 0 });
    const answer = await rig.slash(ada, '/study help', 'gateway');
    expect(answer.response.type).toBe(5);
    expect(answer.record.original!.deleted).toBe(true);
    expect(answer.messages.map((m) => [textOfMessage(m), m.ephemeral])).toEqual([
      ['This channel is now a study group.', false],
      ['Only you see this.', true],
    ]);
  });

  it('sends the follow-ups of 150 interactions at once, not held to the bot-wide 50 requests a second', async () => {
    rig = await startRig(fixedCore([msg('ephemeral', 'First.'), msg('ephemeral', 'Second, as a follow-up.')]));
    const answers = await Promise.all(Array.from({ length: 150 }, () => rig!.slash(ada, '/progress', 'http')));
    for (const a of answers) expect(a.messages.map(textOfMessage)).toEqual(['First.', 'Second, as a follow-up.']);
    // Interaction routes are outside Discord's global limit; on the bot's REST client every request
    // past 50 in a second would wait (reported as a rate limit), and the replies pile up in memory.
    expect(rig.rateLimited()).toBe(0);
  });

  it('answers a channel reply in the open and an ephemeral one privately', async () => {
    rig = await startRig(fixedCore([msg('channel', 'For everyone.'), msg('ephemeral', 'For you.')]));
    const answer = await rig.slash(ada, '/leaderboard', 'http');
    expect(answer.response.type).toBe(4);
    expect(answer.response.data.flags).toBeUndefined();
    expect(answer.messages.map((m) => m.ephemeral)).toEqual([false, true]);
  });

  it('when a form comes after a deferral, offers a button that opens it again', async () => {
    const form: Reply = { type: 'form', formId: 'dform:p1:2026-11-25', title: 'Your answer', intro: 'Design a canary rollout.', submitLabel: 'Submit', fields: [{ id: 'answer', label: 'Answer', multiline: true, minLength: 20, maxLength: 3000 }] };
    rig = await startRig(fixedCore([form]), { deferAfterMs: 0 });
    const question = await rig.slash(ada, '/drill', 'gateway');
    const click = await rig.click(ada, question.messages[0]!, 'dans:p1:2026-11-25', 'gateway');
    expect(click.response.type).toBe(5);
    expect(textOfAnswer(click)).toContain('Press the button to open it');
    expect(buttonsOf(click.messages[0]!)).toEqual([{ label: 'Your answer', customId: 'dans:p1:2026-11-25' }]);
  });

  it('a form answering a modal submit cannot be another modal: it says to run the command again', async () => {
    const form: Reply = { type: 'form', formId: 'forget', title: 'Delete my data', submitLabel: 'Delete', fields: [{ id: 'confirm', label: 'Type DELETE', multiline: false, minLength: 1, maxLength: 20 }] };
    rig = await startRig(fixedCore([form]));
    const opened = await rig.slash(ada, '/study forget-me', 'http');
    expect(opened.response.type).toBe(9);
    expect(opened.response.data.components[0].component).toMatchObject({ custom_id: 'confirm', style: 1, min_length: 1, max_length: 20 });
    const again = await rig.submit(ada, opened.response.data, { confirm: 'nope' }, 'http');
    expect(again.response.type).toBe(4);
    expect(textOfAnswer(again)).toContain('Run the command again to open it.');
  });

  it('splits a reply beyond Discord limits into several valid messages, losing no button', async () => {
    const long = Array.from({ length: 120 }, (_, i) => `Paragraph ${i}: ${'lorem ipsum '.repeat(8)}`).join('\n\n');
    const buttons = Array.from({ length: 30 }, (_, i) => ({ label: `Choice ${i}`, actionId: `x:${i}` }));
    const fields = Array.from({ length: 30 }, (_, i) => ({ label: `Field ${i}`, value: `value ${i}` }));
    rig = await startRig(fixedCore([{ type: 'message', visibility: 'ephemeral', title: 'Big', blocks: [{ type: 'text', text: long }, { type: 'fields', fields }, { type: 'buttons', buttons }] }]));
    const answer = await rig.slash(ada, '/study help', 'gateway');
    expect(answer.messages.length).toBeGreaterThan(2);
    for (const m of answer.messages) expect(messageProblems(m.body)).toEqual([]);
    expect(answer.messages.flatMap(buttonsOf).map((b) => b.customId)).toEqual(buttons.map((b) => b.actionId));
    expect(answer.messages.flatMap((m) => m.body.embeds.flatMap((e: { fields?: unknown[] }) => e.fields ?? []))).toHaveLength(30);
    expect(answer.messages[0]!.body.embeds[0].title).toBe(`Big · 1/${answer.messages.length}`);
    expect(textOfAnswer(answer)).toContain('Paragraph 119:');
  });

  it('answers an interaction kind it does not use (a user context menu) with a short note', async () => {
    const core = fixedCore([]);
    rig = await startRig(core);
    const raw = slashInteraction(ada, rig.commands, '/progress');
    (raw.data as { type: number }).type = 2;
    const answer = await rig.send(raw, 'http');
    expect(textOfAnswer(answer)).toContain('does not handle that kind of interaction');
    expect(core.seen).toEqual([]);
  });
});
