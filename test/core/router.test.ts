import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS, STUDY_SUBCOMMANDS } from '../../src/core/commands/index.js';
import { MAX_COMMAND_TEXT, parseCommandText } from '../../src/core/core.js';
import { QUIZ_MAX_COUNT } from '../../src/core/scoring.js';
import type { Reply } from '../../src/core/types.js';
import { rowCounts, TARGETS } from '../support/databases.js';
import { errorCode, messages, textOf, useHarness } from '../support/harness.js';

const HELP_TITLE = 'MLOps study bot · help';
const titleOf = (replies: Reply[]) => messages(replies)[0]?.title;

describe('parseCommandText', () => {
  it.each([
    ['/Quiz  serving 3', 'quiz', 'serving 3'],
    ['quiz', 'quiz', ''],
    ['/quiz', 'quiz', ''],
    ['  //quiz 3  ', 'quiz', '3'],
    ['///GOAL set Read the  lesson', 'goal', 'set Read the  lesson'],
    ['study quiz 3', 'study', 'quiz 3'],
    ['\u0000quiz\u0007 serving\n3\r\n', 'quiz', 'serving 3'],
    ['/quiz\tserving\t3', 'quiz', 'serving 3'],
    ['', '', ''],
    ['   /  ', '', ''],
  ])('%j → %s with %j', (raw, name, args) => {
    expect(parseCommandText(raw)).toEqual({ name, args });
  });
});

describe.each(TARGETS)('routing on %s', (target) => {
  const h = useHarness(target);
  afterEach(() => expect(h.errors).toEqual([]));

  it('answers an unknown command with help and a note, not an error', async () => {
    const replies = await h.cmd('alice', '/dance now');
    expect(errorCode(replies)).toBeUndefined();
    expect(titleOf(replies)).toBe(HELP_TITLE);
    expect(textOf(replies)).toContain('I don’t know “/dance”');
    for (const c of COMMANDS) expect(textOf(replies)).toContain(c.usage);
  });

  it('answers empty text with plain help', async () => {
    for (const text of ['', '   ', '/', '\u0000\u0000']) {
      const replies = await h.cmd('alice', text);
      expect(errorCode(replies), JSON.stringify(text)).toBeUndefined();
      expect(titleOf(replies)).toBe(HELP_TITLE);
      expect(textOf(replies)).not.toContain('I don’t know');
    }
  });

  it(`refuses command text over ${MAX_COMMAND_TEXT} characters before running it`, async () => {
    const prefix = '/goal set ';
    const tooLong = await h.cmd('alice', prefix + 'x'.repeat(MAX_COMMAND_TEXT + 1 - prefix.length));
    expect(errorCode(tooLong)).toBe('INPUT_TOO_LONG');
    expect((await rowCounts(h.db)).weekly_goals).toBe(0);
    // Exactly the limit is parsed and handled by the command (here: a goal too long for /goal).
    const atLimit = await h.cmd('alice', prefix + 'x'.repeat(MAX_COMMAND_TEXT - prefix.length));
    expect(errorCode(atLimit)).toBe('GOAL_TEXT_LENGTH');
    const padded = await h.cmd('alice', `/leaderboard${' '.repeat(MAX_COMMAND_TEXT - '/leaderboard'.length)}`);
    expect(errorCode(padded)).toBeUndefined();
  });

  it('answers a button with an unknown prefix with ACTION_UNKNOWN', async () => {
    for (const actionId of ['nope:1', 'nope', '', ':', 'quiz:1']) {
      expect(errorCode(await h.click('alice', actionId)), actionId).toBe('ACTION_UNKNOWN');
    }
  });

  it('answers a form with an unknown id with FORM_UNKNOWN and runs nothing', async () => {
    for (const formId of ['nope', 'nope:1:2', '', 'forget-me']) {
      const replies = await h.submit('alice', formId, { confirm: 'DELETE' });
      expect(errorCode(replies), formId).toBe('FORM_UNKNOWN');
    }
    expect((await rowCounts(h.db)).members).toBe(1);
  });

  it('puts the error code and a readable message on an error reply', async () => {
    const [reply] = messages(await h.cmd('alice', '/quiz 99'));
    expect(reply!.errorCode).toBe('QUIZ_COUNT_RANGE');
    expect(reply!.visibility).toBe('ephemeral');
    expect(textOf([reply!])).toContain(`from 1 to ${QUIZ_MAX_COUNT}`);
  });

  it.each(COMMANDS.map((c) => c.name))('reaches /%s both directly and as /study <name>', async (name) => {
    const direct = await h.cmd('alice', `/${name}`);
    const viaStudy = await h.cmd('alice', `/study ${name}`);
    for (const replies of [direct, viaStudy]) {
      expect(errorCode(replies)).toBeUndefined();
      expect(textOf(replies)).not.toContain('I don’t know');
    }
    expect(titleOf(viaStudy)).toBe(titleOf(direct));
    if (name === 'study') expect(titleOf(direct)).toBe(HELP_TITLE);
    else expect(titleOf(direct)).not.toBe(HELP_TITLE);
  });

  it('reaches every /study subcommand, in any case', async () => {
    for (const { name } of STUDY_SUBCOMMANDS) {
      const replies = await h.cmd('alice', `/study ${name.toUpperCase()}`);
      expect(textOf(replies), name).not.toContain('I don’t know');
      if (name !== 'help') expect(titleOf(replies), name).not.toBe(HELP_TITLE);
    }
  });
});
