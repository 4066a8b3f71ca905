import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/core/commands/index.js';
import { buttonsOf, textOf } from '../adapters/slack/slack-driver.js';
import { ADA, useSlackApp } from '../adapters/slack/use-slack-app.js';
import { useHarness } from '../support/harness.js';
import { actionId, INTERNAL_APOLOGY, nasty, shownCode } from './nasty.js';

/**
 * Property-based input at the Slack edge: arbitrary slash-command text, button values and modal
 * text go through Bolt and the real core. Nothing crashes, everything the bot sends passes the
 * fake Slack's Block Kit checks, and every rejection ends with a stable code.
 */

const SENT_METHODS = ['views.open', 'chat.postEphemeral', 'chat.postMessage'];
const figures = { tried: 0, rejected: 0, codes: new Set<string>() };

describe('bad input at the Slack edge', () => {
  const h = useHarness('pglite');
  const s = useSlackApp(h);

  afterAll(() => {
    console.info(`slack edge: ${figures.tried} fuzzed requests, ${figures.rejected} rejections, every one with a code (${[...figures.codes].sort().join(', ')})`);
  });

  /** What the member saw for one delivery: its response_url post, or a modal, or a Web API post. */
  function shown(responseId: string, callsBefore: number, responsesBefore = 0): Promise<string> {
    return s.fake.waitFor(() => {
      const r = s.fake.responsesTo(responseId)[responsesBefore];
      if (r) return textOf(r.body);
      const call = s.fake.calls.slice(callsBefore).find((c) => SENT_METHODS.includes(c.method));
      if (call) return call.method === 'views.open' ? '(a modal)' : textOf(call.args);
      return undefined;
    }, `the answer to ${responseId}`);
  }

  function check(text: string) {
    figures.tried += 1;
    expect(text).not.toContain(INTERNAL_APOLOGY);
    if (!text.includes('⚠️')) return;
    const code = shownCode(text);
    expect(code, text).toMatch(/^[A-Z][A-Z_]+$/);
    figures.rejected += 1;
    figures.codes.add(code!);
  }

  /** After a property: the adapter finished everything, logged no error, and Slack refused nothing. */
  async function expectClean() {
    await s.adapter.stop();
    expect(s.errors).toEqual([]);
    expect(s.fake.rejected).toEqual([]);
    expect(s.fake.calls.filter((c) => !c.ok && c.method !== 'users.info')).toEqual([]);
  }

  it('slash commands with arbitrary text', async () => {
    const commands = COMMANDS.map((c) => `/${c.name}`);
    const text = fc.oneof(nasty, fc.tuple(fc.constantFrom('set', 'done', 'clear', 'setup', 'timezone', 'privacy', 'quiz', 'goal'), nasty).map(([w, rest]) => `${w} ${rest}`));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...commands), text, async (command, args) => {
        const callsBefore = s.fake.calls.length;
        const sent = await s.driver.command(ADA, command, args);
        expect(sent.status).toBe(200);
        check(await shown(sent.responseId!, callsBefore));
      }),
      { numRuns: 60 },
    );
    await expectClean();
  });

  it('buttons with arbitrary values and action ids', async () => {
    const value = actionId.map((v) => v.slice(0, 2000));
    await fc.assert(
      fc.asyncProperty(value, fc.string({ maxLength: 255 }), async (v, id) => {
        const callsBefore = s.fake.calls.length;
        const sent = await s.driver.click(ADA, { action_id: id || 'a', value: v, text: 'Pick' });
        expect(sent.status).toBe(200);
        check(await shown(sent.responseId!, callsBefore));
      }),
      { numRuns: 60 },
    );
    await expectClean();
  });

  it('modal text: the drill answer and the forget-me confirmation', async () => {
    const drill = await s.driver.commandReply(ADA, '/drill');
    const click = await s.driver.click(ADA, buttonsOf(drill.body).find((b) => b.text === 'Answer')!);
    const drillView = (await s.fake.apiCall('views.open')).args.view as Record<string, unknown>;
    const answer = fc.oneof(nasty, fc.string({ minLength: 20, maxLength: 3200 }), fc.string({ unit: 'grapheme', minLength: 20, maxLength: 400 }));
    await fc.assert(
      fc.asyncProperty(answer, async (text) => {
        const before = s.fake.responsesTo(click.responseId!).length;
        const submitted = await s.driver.submit(ADA, drillView, { answer: text });
        expect(submitted.status).toBe(200);
        if (submitted.body) {
          // Refused by the modal itself: it stays open with a message on the field.
          figures.tried += 1;
          expect(JSON.parse(submitted.body)).toMatchObject({ response_action: 'errors', errors: { answer: expect.stringMatching(/characters/) } });
          return;
        }
        check(await shown(click.responseId!, s.fake.calls.length, before));
      }),
      { numRuns: 40 },
    );

    const forget = await s.driver.command(ADA, '/study', 'forget-me');
    const forgetView = (await s.fake.apiCall('views.open', (c) => JSON.parse(c.args.view.private_metadata).f === 'forget')).args.view as Record<string, unknown>;
    await fc.assert(
      fc.asyncProperty(nasty.filter((t) => t.trim().toUpperCase() !== 'DELETE'), async (text) => {
        const before = s.fake.responsesTo(forget.responseId!).length;
        const submitted = await s.driver.submit(ADA, forgetView, { confirm: text });
        expect(submitted.status).toBe(200);
        if (submitted.body) {
          figures.tried += 1;
          expect(JSON.parse(submitted.body)).toMatchObject({ response_action: 'errors' });
          return;
        }
        const text2 = await shown(forget.responseId!, s.fake.calls.length, before);
        check(text2);
        expect(shownCode(text2)).toBe('FORGET_NOT_CONFIRMED');
      }),
      { numRuns: 30 },
    );
    await expectClean();
  });
});
