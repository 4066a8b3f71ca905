import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packMessages, replyBlocks } from '../../../src/adapters/slack/blocks.js';
import { formView, readSubmission } from '../../../src/adapters/slack/modal.js';
import { codeSections, splitText, toMrkdwn } from '../../../src/adapters/slack/mrkdwn.js';
import type { Block, FormReply, MessageReply } from '../../../src/core/types.js';
import { blockErrors, viewErrors } from './block-kit-rules.js';

const reply = (blocks: Block[], title?: string): MessageReply => ({ type: 'message', visibility: 'ephemeral', blocks, ...(title ? { title } : {}) });

describe('Markdown → mrkdwn', () => {
  it('converts bold and bullets, keeps italic and code, escapes &, < and >', () => {
    expect(toMrkdwn('**Correct** · +15 points\n- _one_\n- two & <three>')).toBe('*Correct* · +15 points\n• _one_\n• two &amp; &lt;three&gt;');
  });

  it('leaves code spans alone', () => {
    expect(toMrkdwn('Use `**kwargs` and `txn_count_24h`, not **that**')).toBe('Use `**kwargs` and `txn_count_24h`, not *that*');
  });

  it('splits any text into pieces of at most the limit, losing no words', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 400 }), fc.constantFrom('\n', '\n\n', ' ')), { maxLength: 60 }), fc.integer({ min: 50, max: 3000 }), (parts, max) => {
        const text = parts.join('');
        const pieces = splitText(text, max);
        expect(pieces.every((p) => p.length <= max && p.length > 0)).toBe(true);
        expect(pieces.join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
      }),
    );
  });

  it('fences every piece of a long code block', () => {
    const json = JSON.stringify({ answers: Array.from({ length: 400 }, (_, i) => ({ i, questionId: `q-${i}` })) }, null, 2);
    const pieces = codeSections(json, 3000);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.every((p) => p.length <= 3000 && p.startsWith('```\n') && p.endsWith('\n```'))).toBe(true);
  });
});

describe('Reply → Block Kit', () => {
  it('renders a title as a header and every block type within Slack limits', () => {
    const blocks = replyBlocks(
      reply(
        [
          { type: 'text', text: 'x'.repeat(7000) },
          { type: 'fields', fields: Array.from({ length: 12 }, (_, i) => ({ label: `F${i}`, value: String(i) })) },
          { type: 'divider' },
          { type: 'bars', title: 'Accuracy per skill', bars: [{ label: 'Serving', value: 3, max: 4 }, { label: 'Monitoring & Observability', value: 0, max: 2 }] },
          { type: 'code', text: '{"a": 1}' },
        ],
        'Progress · Ada',
      ),
    );
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', emoji: true, text: 'Progress · Ada' } });
    expect(blockErrors(blocks, 50)).toEqual([]);
    expect(blocks.filter((b) => b.type === 'section' && 'fields' in b && b.fields).map((b) => (b as { fields: unknown[] }).fields.length)).toEqual([10, 2]);
    const chart = blocks.find((b) => b.type === 'section' && b.text?.text.startsWith('*Accuracy per skill*')) as { text: { text: string } };
    expect(chart.text.text).toContain('Serving                    █████████░░░ 3/4 75%');
    expect(chart.text.text).toContain('Monitoring &amp; Observability ░░░░░░░░░░░░ 0/2 0%');
  });

  it('lists long choices in full above short numbered buttons that carry the core’s action id', () => {
    const choices = ['Roll back the canary automatically; latency breached the rollback policy', 'Scale up', 'Retrain now'];
    const blocks = replyBlocks(reply([{ type: 'buttons', buttons: choices.map((label, i) => ({ label, actionId: `ans:s1:0:${i}` })) }]));
    expect(blocks[0]).toMatchObject({ type: 'section', text: { text: `*1.* ${choices[0]}\n*2.* Scale up\n*3.* Retrain now` } });
    const buttons = (blocks[1] as { elements: { text: { text: string }; value: string }[] }).elements;
    expect(buttons.map((b) => b.value)).toEqual(['ans:s1:0:0', 'ans:s1:0:1', 'ans:s1:0:2']);
    expect(buttons[0]!.text.text).toBe('1. Roll back the canary autom…');
    expect(buttons[1]!.text.text).toBe('2. Scale up');
  });

  it('packs replies into messages of at most 50 blocks with unique action ids, never ending on a header', () => {
    const same = { type: 'buttons' as const, buttons: [{ label: 'Mark done', actionId: 'ldone:intro' }] };
    const replies = Array.from({ length: 30 }, (_, i) => reply([{ type: 'text', text: `part ${i}` }, same], `Part ${i}`));
    const messages = packMessages(replies);
    expect(messages.map((m) => m.blocks.length).reduce((a, b) => a + b)).toBe(90);
    for (const m of messages) {
      expect(blockErrors(m.blocks, 50)).toEqual([]);
      expect(m.blocks.at(-1)?.type).not.toBe('header');
      expect(m.text).toMatch(/^Part \d+$/);
    }
  });
});

describe('FormReply → modal', () => {
  const form: FormReply = {
    type: 'form',
    formId: 'dform:p1:2026-11-25',
    title: 'A title longer than twenty-four characters',
    intro: 'Explain **how** you would roll out a model.',
    submitLabel: 'Submit',
    fields: [{ id: 'answer', label: 'Your answer', multiline: true, minLength: 20, maxLength: 5000 }],
  };

  it('fits Slack’s modal limits and carries the form id and channel', () => {
    const view = formView(form, { formId: form.formId, channelId: 'C1', responseUrl: 'https://hooks.slack.com/x' });
    expect(viewErrors(view)).toEqual([]);
    expect(view.title.text).toBe('A title longer than twe…');
    expect(JSON.parse(view.private_metadata!)).toEqual({ f: form.formId, c: 'C1', r: 'https://hooks.slack.com/x' });
    expect(view.blocks[1]).toMatchObject({ type: 'input', block_id: 'answer', element: { min_length: 20, max_length: 3000, multiline: true } });
  });

  it('reads submitted values and flags lengths outside the declared range', () => {
    const view = formView(form, { formId: form.formId, channelId: 'C1' });
    const submitted = (value: string) => ({ ...view, state: { values: { answer: { answer: { type: 'plain_text_input', value } } } } }) as never;
    expect(readSubmission(submitted('  ' + 'a'.repeat(25) + '  '))).toEqual({ fields: { answer: 'a'.repeat(25) }, errors: {} });
    expect(readSubmission(submitted('short')).errors).toEqual({ answer: 'Write at least 20 characters (you have 5).' });
  });
});
