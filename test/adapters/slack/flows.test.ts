import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/core/commands/index.js';
import { questionById } from '../../../src/core/content/index.js';
import { rowCounts } from '../../support/databases.js';
import { useHarness } from '../../support/harness.js';
import { buttonsOf, CHANNEL, textOf, type ButtonRef } from './slack-driver.js';
import { ADA, useSlackApp } from './use-slack-app.js';

describe('Slack end to end: quiz, exam, lessons, every command', () => {
  const h = useHarness('pglite');
  const s = useSlackApp(h);

  /** The button with the right answer of an `ans:<session>:<index>:<choice>` question. */
  async function correctButton(buttons: ButtonRef[]): Promise<ButtonRef> {
    const [, sessionId, index] = buttons[0]!.value.split(':');
    const session = await h.store.getSession(sessionId!);
    const q = questionById(h.content, session!.questionIds[Number(index)]!)!;
    return buttons.find((b) => b.value.endsWith(`:${q.answer}`))!;
  }

  it('plays a whole quiz with buttons: feedback, points and a summary', async () => {
    let reply = await s.driver.commandReply(ADA, '/quiz', '3');
    for (let i = 1; i <= 3; i++) {
      expect(textOf(reply.body)).toContain(`Quiz · question ${i} of 3`);
      const buttons = buttonsOf(reply.body);
      expect(buttons.length).toBeGreaterThanOrEqual(3);
      expect(buttons.every((b) => /^ans:/.test(b.value))).toBe(true);
      reply = await s.driver.clickReply(ADA, await correctButton(buttons));
      expect(reply.body.response_type).toBe('ephemeral');
      expect(reply.body.replace_original).toBe(false);
      expect(textOf(reply.body)).toMatch(/\*Correct\* · \+\d+ points/);
    }
    expect(textOf(reply.body)).toContain('Quiz finished');
    expect(textOf(reply.body)).toContain('3 of 3 correct');
    expect((await rowCounts(h.db)).answers).toBe(3);
    expect(await h.store.totalPoints(1)).toBeGreaterThan(0);
    expect(s.invocations.map((i) => i.kind)).toEqual(['command', 'action', 'action', 'action']);
    expect(s.invocations[0]).toMatchObject({ text: '/quiz 3', channelId: CHANNEL, actor: { platform: 'slack', userId: ADA.id, displayName: 'Ada' } });
    expect(s.errors).toEqual([]);
  });

  it('takes the readiness exam to its result with a per-skill chart', async () => {
    let reply = await s.driver.commandReply(ADA, '/exam', 'start');
    expect(textOf(reply.body)).toContain('Readiness exam');
    let clicks = 0;
    while (!textOf(reply.body).includes('Exam result')) {
      const buttons = buttonsOf(reply.body);
      expect(buttons.length, textOf(reply.body)).toBeGreaterThan(0);
      // Alternate right and wrong answers so the result has something to say.
      const right = await correctButton(buttons);
      reply = await s.driver.clickReply(ADA, clicks % 2 === 0 ? right : buttons.find((b) => b !== right)!);
      clicks++;
      expect(clicks).toBeLessThanOrEqual(39);
    }
    expect(clicks).toBe(39);
    const result = textOf(reply.body);
    expect(result).toMatch(/\*\d+(\.\d)?% · (passed|not passed)\*/);
    expect(result).toContain('*Score per skill*\n```');
    expect(result).toContain('Readiness by level');
    expect((await rowCounts(h.db)).answers).toBe(39);
    expect((await h.store.bestExam(1))?.scorePct).toBeCloseTo((20 / 39) * 100, 0);
  });

  it('shows a lesson and marks it done with its button', async () => {
    const lesson = await s.driver.commandReply(ADA, '/lesson', 'next');
    expect(textOf(lesson.body)).toContain('Lesson 1 of');
    const done = buttonsOf(lesson.body).find((b) => b.text === 'Mark done')!;
    expect(done.value).toMatch(/^ldone:/);
    const reply = await s.driver.clickReply(ADA, done);
    expect(textOf(reply.body)).toContain('marked done');
    expect(await h.store.lessonsDone(1)).toHaveLength(1);
  });

  it.each(COMMANDS.map((c) => c.name))('reaches /%s as its own command and through /study', async (name) => {
    const direct = await s.driver.commandReply(ADA, `/${name}`, name === 'goal' ? 'list' : '');
    const viaStudy = await s.driver.commandReply(ADA, '/study', name === 'goal' ? `${name} list` : name);
    for (const reply of [direct, viaStudy]) {
      expect(textOf(reply.body)).not.toContain('I don’t know');
      expect(textOf(reply.body)).not.toContain('Sorry, something went wrong');
    }
    expect(s.invocations.map((i) => (i.kind === 'command' ? i.text : ''))).toEqual([`/${name}${name === 'goal' ? ' list' : ''}`, `/study ${name}${name === 'goal' ? ' list' : ''}`]);
  });

  it('answers an unknown command or subcommand with the help, not an error', async () => {
    const reply = await s.driver.commandReply(ADA, '/study', 'dance');
    expect(textOf(reply.body)).toContain('I don’t know “/study dance”');
    expect(textOf(reply.body)).toContain('/quiz');
  });
});
