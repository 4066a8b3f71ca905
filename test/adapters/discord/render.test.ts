import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { barChart } from '../../../src/adapters/discord/chart.js';
import { renderModal } from '../../../src/adapters/discord/form.js';
import { renderMessage, splitText } from '../../../src/adapters/discord/render.js';
import type { Block, MessageReply } from '../../../src/core/types.js';
import { messageProblems, modalProblems } from './fake/limits.js';

const reply = (blocks: Block[], extra: Partial<MessageReply> = {}): MessageReply => ({ type: 'message', visibility: 'ephemeral', blocks, ...extra });
const buttonIds = (blocks: Block[]) => blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons.map((x) => x.actionId) : []));

/** The core never repeats an action id within a reply (ids name a session, question and choice): generated repeats are dropped. */
function withUniqueActions(blocks: Block[]): Block[] {
  const seen = new Set<string>();
  return blocks.map((b) => (b.type === 'buttons' ? { ...b, buttons: b.buttons.filter((x) => !seen.has(x.actionId) && Boolean(seen.add(x.actionId))) } : b));
}

const block: fc.Arbitrary<Block> = fc.oneof(
  fc.string({ maxLength: 9000 }).map((text) => ({ type: 'text' as const, text })),
  fc.string({ maxLength: 5000 }).map((text) => ({ type: 'code' as const, text })),
  fc.constant({ type: 'divider' as const }),
  fc.array(fc.record({ label: fc.string({ maxLength: 300 }), value: fc.string({ maxLength: 1500 }) }), { maxLength: 40 }).map((fields) => ({ type: 'fields' as const, fields })),
  fc
    .array(fc.record({ label: fc.string({ minLength: 1, maxLength: 75 }), actionId: fc.string({ minLength: 1, maxLength: 100 }), style: fc.constantFrom(undefined, 'primary' as const, 'danger' as const) }), { maxLength: 40 })
    .map((buttons) => ({ type: 'buttons' as const, buttons: buttons.map(({ style, ...b }) => (style ? { ...b, style } : b)) })),
  fc.array(fc.record({ label: fc.string({ maxLength: 60 }), value: fc.nat(20), max: fc.nat(20) }), { maxLength: 20 }).map((bars) => ({ type: 'bars' as const, title: 'Chart', bars })),
);

describe('rendering replies for Discord', () => {
  it('always stays within Discord limits and keeps every button, in order', () => {
    fc.assert(
      fc.property(fc.array(block, { maxLength: 8 }).map(withUniqueActions), fc.option(fc.string({ maxLength: 300 }), { nil: undefined }), (blocks, title) => {
        const messages = renderMessage(reply(blocks, title === undefined ? {} : { title }));
        for (const m of messages) expect(messageProblems(m)).toEqual([]);
        const ids = messages.flatMap((m) => m.components.flatMap((row) => row.components.map((b) => b.custom_id)));
        expect(ids).toEqual(buttonIds(blocks));
      }),
      { numRuns: 150 },
    );
  });

  it('puts text after buttons into the next message, so the reading order holds', () => {
    const [first, second] = renderMessage(reply([{ type: 'text', text: 'Question?' }, { type: 'buttons', buttons: [{ label: 'Yes', actionId: 'a:1' }] }, { type: 'text', text: 'Afterword' }]));
    expect(first!.embeds[0]!.description).toBe('Question?');
    expect(first!.components[0]!.components[0]).toMatchObject({ custom_id: 'a:1', label: 'Yes', style: 2 });
    expect(second!.embeds[0]!.description).toBe('Afterword');
  });

  it('starts a new embed for text that follows fields (an embed shows fields under its text)', () => {
    const [m] = renderMessage(reply([{ type: 'fields', fields: [{ label: 'Points', value: '40' }] }, { type: 'text', text: 'Next review tomorrow.' }], { title: 'Progress' }));
    expect(m!.embeds.map((e) => [e.title, e.fields?.length ?? 0, e.description])).toEqual([
      ['Progress', 1, undefined],
      [undefined, 0, 'Next review tomorrow.'],
    ]);
  });

  it('lists long choices in full above numbered buttons, since phones cut long labels off', () => {
    const long = 'Make liveness a cheap is-the-process-up check, not a full prediction';
    const [m] = renderMessage(reply([{ type: 'text', text: 'Which fix?' }, { type: 'buttons', buttons: [{ label: long, actionId: 'ans:s:0:0' }, { label: 'Remove all probes', actionId: 'ans:s:0:1' }] }]));
    expect(m!.embeds[0]!.description).toBe(`Which fix?\n\n**1.** ${long}\n**2.** Remove all probes`);
    expect(m!.components[0]!.components.map((b) => [b.label, b.custom_id])).toEqual([
      ['1', 'ans:s:0:0'],
      ['2', 'ans:s:0:1'],
    ]);
  });

  it('leaves out a button whose action id does not fit custom_id, and says so in the log', () => {
    const warnings: object[] = [];
    const logger = { info() {}, warn: (o: object) => void warnings.push(o), error() {} };
    const [m] = renderMessage(reply([{ type: 'buttons', buttons: [{ label: 'Too long', actionId: 'x'.repeat(101) }, { label: 'Fine', actionId: 'ok' }] }]), logger);
    expect(m!.components[0]!.components.map((b) => b.custom_id)).toEqual(['ok']);
    expect(warnings).toHaveLength(1);
  });

  it('draws bars as a fixed-width text chart and keeps code fenced', () => {
    expect(barChart([{ label: 'Serving', value: 2, max: 3 }, { label: 'Kubernetes for ML Workloads', value: 0, max: 3 }], 6)).toBe(
      ['Serving                  ████░░ 2/3', 'Kubernetes for ML Workl… ░░░░░░ 0/3'].join('\n'),
    );
    const [m] = renderMessage(reply([{ type: 'code', text: 'a ``` b' }]));
    expect(m!.embeds[0]!.description).toBe('```\na `\u200b`` b\n```');
  });

  it('splits long text at paragraph and line breaks before cutting words', () => {
    const text = `${'a'.repeat(3000)}\n\n${'b'.repeat(3000)}`;
    expect(splitText(text, 4096)).toEqual(['a'.repeat(3000), 'b'.repeat(3000)]);
    expect(splitText('x'.repeat(9000), 4096).map((p) => p.length)).toEqual([4096, 4096, 808]);
  });

  it('shows a form as a valid modal: intro as text, multiline fields as paragraphs', () => {
    const modal = renderModal({
      type: 'form',
      formId: 'dform:p1:2026-11-25',
      title: 'Your answer to a rather long mock interview prompt',
      intro: 'Design a canary rollout.',
      submitLabel: 'Submit',
      fields: [{ id: 'answer', label: 'Your answer', placeholder: 'Problem, constraints, design…', multiline: true, minLength: 20, maxLength: 5000 }],
    });
    expect(modalProblems(modal)).toEqual([]);
    expect(modal.title).toHaveLength(45);
    expect(modal.components).toEqual([
      { type: 10, content: 'Design a canary rollout.' },
      { type: 18, label: 'Your answer', component: { type: 4, custom_id: 'answer', style: 2, min_length: 20, max_length: 4000, required: true, placeholder: 'Problem, constraints, design…' } },
    ]);
  });
});
