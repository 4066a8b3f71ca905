import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMANDS, STUDY_SUBCOMMANDS } from '../../src/core/commands/index.js';
import type { Reply } from '../../src/core/types.js';
import { useHarness } from '../support/harness.js';
import { ACTION_PREFIXES, nasty } from './nasty.js';

const NAMES = [...COMMANDS.map((c) => c.name), ...STUDY_SUBCOMMANDS.map((c) => `study ${c.name}`)];

/** What every reply must satisfy whatever came in: sizes every platform accepts, a stable code on errors. */
function expectValid(replies: Reply[]) {
  expect(replies.length).toBeGreaterThan(0);
  for (const r of replies) {
    if (r.type === 'form') {
      expect(r.formId.length).toBeLessThanOrEqual(100);
      expect(r.title.length).toBeLessThanOrEqual(24);
      continue;
    }
    if (r.errorCode) expect(r.errorCode).toMatch(/^[A-Z][A-Z_]+$/);
    expect(r.errorCode).not.toBe('INTERNAL');
    for (const b of r.blocks) {
      if (b.type !== 'buttons') continue;
      for (const button of b.buttons) {
        expect(button.label.length).toBeLessThanOrEqual(75);
        expect(button.actionId.length).toBeLessThanOrEqual(100);
      }
    }
  }
}

describe('bad input never crashes the core', () => {
  const h = useHarness('pglite');

  it('command text: every command with arbitrary arguments', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), nasty, async (name, args) => {
        expectValid(await h.cmd('fuzz', `/${name} ${args}`));
      }),
      { numRuns: 150 },
    );
    expect(h.errors).toEqual([]);
  });

  it('whole command lines', async () => {
    await fc.assert(fc.asyncProperty(nasty, async (text) => expectValid(await h.cmd('fuzz', text))), { numRuns: 100 });
    expect(h.errors).toEqual([]);
  });

  it('action ids: known prefixes with arbitrary parts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ACTION_PREFIXES), fc.array(nasty, { maxLength: 4 }), async (prefix, parts) => {
        expectValid(await h.click('fuzz', [prefix, ...parts].join(':')));
      }),
      { numRuns: 150 },
    );
    expect(h.errors).toEqual([]);
  });

  it('form submissions: arbitrary ids and field values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('dform', 'forget', 'nope'), fc.array(nasty, { maxLength: 3 }), nasty, async (prefix, parts, value) => {
        expectValid(await h.submit('fuzz', [prefix, ...parts].join(':'), { answer: value, confirm: value }));
      }),
      { numRuns: 100 },
    );
    expect(h.errors).toEqual([]);
  });
});
