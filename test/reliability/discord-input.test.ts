import fc from 'fast-check';
import type { APIInteraction } from 'discord.js';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeUser, slashInteraction } from '../adapters/discord/fake/users.js';
import { buttonsOf, lastWithButtons, startRig, textOfAnswer, type Answer, type Rig } from '../adapters/discord/rig.js';
import { useHarness } from '../support/harness.js';
import { actionId, INTERNAL_APOLOGY, nasty, shownCode } from './nasty.js';

/**
 * Property-based input at the Discord edge: arbitrary option values, custom_ids and modal text go
 * through discord.js and the real core as signed HTTP interactions. Nothing crashes, every answer
 * and follow-up passes the fake Discord's limits (it refuses the rest, which would fail the send),
 * and every rejection carries a stable code.
 */

type Json = Record<string, any>;
const figures = { tried: 0, rejected: 0, codes: new Set<string>() };

/** Every option of every registered command, with the subcommand it sits under. */
function leafOptions(commands: Json[]): { command: Json; sub?: string; option: Json }[] {
  return commands.flatMap((command) =>
    (command.options ?? []).flatMap((o: Json) =>
      o.type === 1 ? (o.options ?? []).map((option: Json) => ({ command, sub: o.name as string, option })) : [{ command, option: o }],
    ),
  );
}

describe('bad input at the Discord edge', () => {
  const h = useHarness('pglite');
  let rig: Rig;
  const ada = fakeUser('Ada');
  beforeEach(async () => {
    rig = await startRig(h.core, { gateway: false });
  });
  afterEach(async () => {
    await rig.close();
    expect(rig.logs.filter((l) => l.level === 'error')).toEqual([]);
  });
  afterAll(() => {
    console.info(`discord edge: ${figures.tried} fuzzed interactions, ${figures.rejected} rejections, every one with a code (${[...figures.codes].sort().join(', ')})`);
  });

  function check(answer: Answer) {
    figures.tried += 1;
    expect(answer.response).toBeDefined();
    if (answer.response.type === 9) return; // a modal, checked by the fake
    const text = textOfAnswer(answer);
    expect(text).not.toContain(INTERNAL_APOLOGY);
    const refused = answer.messages.some((m) => m.body.embeds?.[0]?.color === 0xed4245);
    if (!refused) return;
    const code = shownCode(text);
    expect(code, text).toMatch(/^[A-Z][A-Z_]+$/);
    figures.rejected += 1;
    figures.codes.add(code!);
  }

  it('slash commands with arbitrary option values, also ones Discord itself would not let through', async () => {
    const options = leafOptions(rig.commands);
    const value = (o: Json) => (o.type === 4 ? fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.constant(0)) : nasty);
    const pick = fc.constantFrom(...options).chain((leaf) => value(leaf.option).map((v) => ({ ...leaf, v })));
    await fc.assert(
      fc.asyncProperty(pick, async ({ command, sub, option, v }) => {
        const given = [{ name: option.name, type: option.type, value: v }];
        const base = slashInteraction(ada, rig.commands, '/progress') as Json;
        const raw = { ...base, data: { id: command.id, name: command.name, type: 1, guild_id: base.guild_id, options: sub ? [{ type: 1, name: sub, options: given }] : given } };
        check(await rig.send(raw as APIInteraction, 'http'));
      }),
      { numRuns: 60 },
    );
  });

  it('buttons with arbitrary custom_ids', async () => {
    const quiz = await rig.slash(ada, '/quiz count:2', 'http');
    const message = lastWithButtons(quiz)!;
    const customId = actionId.map((id) => id.slice(0, 100) || 'x');
    await fc.assert(
      fc.asyncProperty(customId, async (id) => check(await rig.click(ada, message, id, 'http'))),
      { numRuns: 60 },
    );
  });

  it('modal text: the drill answer and the forget-me confirmation', async () => {
    const drill = await rig.slash(ada, '/drill', 'http');
    const message = drill.messages[0]!;
    const opened = await rig.click(ada, message, buttonsOf(message).find((b) => b.label === 'Answer')!.customId, 'http');
    const drillModal = opened.response.data as Json;
    const answer = fc.oneof(nasty, fc.string({ minLength: 20, maxLength: 4000 }), fc.string({ unit: 'grapheme', minLength: 20, maxLength: 400 }));
    await fc.assert(
      fc.asyncProperty(answer, async (text) => check(await rig.submit(ada, drillModal, { answer: text }, 'http', message))),
      { numRuns: 40 },
    );

    const forgetModal = (await rig.slash(ada, '/study forget-me', 'http')).response.data as Json;
    await fc.assert(
      fc.asyncProperty(nasty.filter((t) => t.trim().toUpperCase() !== 'DELETE'), async (text) => {
        const answered = await rig.submit(ada, forgetModal, { confirm: text }, 'http');
        check(answered);
        expect(shownCode(textOfAnswer(answered))).toBe('FORGET_NOT_CONFIRMED');
      }),
      { numRuns: 30 },
    );
  });
});
