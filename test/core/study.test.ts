import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS, STUDY_SUBCOMMANDS } from '../../src/core/commands/index.js';
import type { MemberExport } from '../../src/core/ports.js';
import { isValidTimezone } from '../../src/core/time.js';
import type { Reply } from '../../src/core/types.js';
import { drillAnswers } from '../../src/db/schema.js';
import { PERSONAL_TABLES, rowCounts, TARGETS } from '../support/databases.js';
import { actor, buttons, errorCode, forms, messages, textOf, useHarness } from '../support/harness.js';
import { answerQuestion, questionWhere } from '../support/points.js';

function fields(replies: Reply[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of messages(replies)) for (const b of m.blocks) if (b.type === 'fields') for (const f of b.fields) out[f.label] = f.value;
  return out;
}

describe.each(TARGETS)('/study on %s', (target) => {
  const h = useHarness(target);
  afterEach(() => expect(h.errors).toEqual([]));

  const member = (user: string) => h.store.ensureMember(actor(user));

  it('help lists every command and every /study subcommand', async () => {
    const help = await h.cmd('alice', '/study help');
    expect(errorCode(help)).toBeUndefined();
    for (const c of [...COMMANDS, ...STUDY_SUBCOMMANDS]) {
      expect(textOf(help)).toContain(c.usage);
      expect(textOf(help)).toContain(c.summary);
    }
    expect(textOf(await h.cmd('alice', '/study'))).toBe(textOf(help));
  });

  it('answers an unknown /study subcommand with help and a note, not an error', async () => {
    const replies = await h.cmd('alice', '/study dance now');
    expect(errorCode(replies)).toBeUndefined();
    expect(textOf(replies)).toContain('I don’t know “/study dance”');
    for (const c of STUDY_SUBCOMMANDS) expect(textOf(replies)).toContain(c.usage);
  });

  it('sets a valid time zone and refuses one it does not know', async () => {
    expect(textOf(await h.cmd('alice', '/study timezone'))).toContain('UTC (the group’s)');
    const set = await h.cmd('alice', '/study timezone America/Argentina/Buenos_Aires');
    expect(errorCode(set)).toBeUndefined();
    expect((await member('alice')).timezone).toBe('America/Argentina/Buenos_Aires');
    expect(textOf(await h.cmd('alice', '/study timezone'))).toContain('America/Argentina/Buenos_Aires');

    expect(errorCode(await h.cmd('alice', '/study timezone Mars/Base'))).toBe('TIMEZONE_INVALID');
    expect(isValidTimezone('EST5EDT')).toBe(false); // only Area/City names and UTC
    expect(errorCode(await h.cmd('alice', '/study timezone EST5EDT'))).toBe('TIMEZONE_INVALID');
    expect((await member('alice')).timezone).toBe('America/Argentina/Buenos_Aires');
    expect(errorCode(await h.cmd('alice', '/study timezone UTC'))).toBeUndefined();
    expect((await member('alice')).timezone).toBe('UTC');
  });

  it('turns privacy on and off, and refuses anything else', async () => {
    expect(errorCode(await h.cmd('alice', '/study privacy on'))).toBeUndefined();
    expect((await member('alice')).hidden).toBe(true);
    const current = await h.cmd('alice', '/study privacy');
    expect(errorCode(current)).toBe('PRIVACY_VALUE');
    expect(textOf(current)).toContain('Privacy is on');
    expect(errorCode(await h.cmd('alice', '/study privacy maybe'))).toBe('PRIVACY_VALUE');
    expect((await member('alice')).hidden).toBe(true);
    expect(errorCode(await h.cmd('alice', '/study privacy OFF'))).toBeUndefined();
    expect((await member('alice')).hidden).toBe(false);
  });

  it('status shows the group’s schedule, state, members with points, the bank and my time zone', async () => {
    const before = fields(await h.cmd('alice', '/study status'));
    expect(before).toEqual({
      'Time zone': 'UTC',
      'Daily posts': '09:00 on Mon, Tue, Wed, Thu, Fri',
      State: 'active',
      'Members with points': '0',
      'Question bank': `${h.content.questions.length} questions, ${h.content.prompts.length} interview prompts`,
      'Your time zone': expect.stringContaining('UTC (the group’s'),
    });
    await answerQuestion(h, 'alice', questionWhere(h, {}, 0).id, true);
    await answerQuestion(h, 'bob', questionWhere(h, {}, 0).id, false);
    await answerQuestion(h, 'carol', questionWhere(h, {}, 0).id, true, { channel: 'C2' });
    await h.cmd('alice', '/study timezone Europe/Berlin');
    const after = fields(await h.cmd('alice', '/study status'));
    expect(after['Members with points']).toBe('1');
    expect(after['Your time zone']).toBe('Europe/Berlin');
  });

  describe('fit test', () => {
    /** Option indexes whose scores add up to `target`, taking the highest score that still fits each time. */
    function optionsFor(target: number): number[] {
      let left = target;
      const picks = h.content.fitTest.questions.map((q) => {
        const fitting = q.options.map((o, i) => ({ i, s: o.score })).filter((o) => o.s <= left).sort((a, b) => b.s - a.s)[0]!;
        left -= fitting.s;
        return fitting.i;
      });
      expect(left).toBe(0);
      return picks;
    }

    /** Walks the whole test with the buttons shown, returning the final replies. */
    async function walk(picks: number[]): Promise<Reply[]> {
      const { questions } = h.content.fitTest;
      let replies = await h.cmd('alice', '/study fit');
      expect(textOf(replies)).toContain(h.content.fitTest.intro);
      for (const [n, q] of questions.entries()) {
        expect(messages(replies).at(-1)!.title).toBe(`Fit test · ${n + 1} of ${questions.length}`);
        expect(buttons(replies).map((b) => b.label)).toEqual(q.options.map((o) => o.text));
        replies = await h.click('alice', buttons(replies)[picks[n]!]!.actionId);
        expect(errorCode(replies)).toBeUndefined();
      }
      return replies;
    }

    const maxScore = () => h.content.fitTest.questions.reduce((sum, q) => sum + Math.max(...q.options.map((o) => o.score)), 0);

    it('scores the answers by the options’ scores and gives the band the score falls in', async () => {
      const { results } = h.content.fitTest;
      const cases: [number, number][] = [[0, 0], [maxScore(), results.length - 1]];
      for (let band = 1; band < results.length; band++) cases.push([results[band]!.min - 1, band - 1], [results[band]!.min, band]);
      for (const [score, band] of cases) {
        const replies = await walk(optionsFor(score));
        expect(messages(replies)[0]!.title).toBe('Fit test result');
        expect(textOf(replies)).toContain(`**${results[band]!.title}** · ${score} of ${maxScore()}`);
        expect(textOf(replies)).toContain(results[band]!.advice);
      }
    });

    it('answers a forged fit action with ACTION_INVALID', async () => {
      for (const actionId of ['fit:9', 'fit:x', 'fit:0-1', `fit:${'0'.repeat(h.content.fitTest.questions.length + 1)}`]) {
        expect(errorCode(await h.click('alice', actionId)), actionId).toBe('ACTION_INVALID');
      }
    });
  });

  it('career shows every level with its salary range, and the caveat', async () => {
    const replies = await h.cmd('alice', '/study career');
    const { track } = h.content;
    for (const level of track.levels) {
      expect(textOf(replies)).toContain(`**${level.name}** · ${level.salary}`);
      for (const e of level.expectations) expect(textOf(replies)).toContain(e);
    }
    expect(textOf(replies)).toContain(track.salaryCaveat);
  });

  it('export holds my own answers and goals and nothing of another member', async () => {
    const mine = questionWhere(h, { skill: 'registry' }, 0);
    const theirs = questionWhere(h, { skill: 'security' }, 0);
    await answerQuestion(h, 'alice', mine.id, true);
    await h.cmd('alice', '/goal set Alice studies the registry');
    await answerQuestion(h, 'bob', theirs.id, false);
    await h.cmd('bob', '/goal set Bob keeps this to himself');

    const replies = await h.cmd('alice', '/study export');
    expect(messages(replies)[0]!.visibility).toBe('ephemeral');
    const code = messages(replies)[0]!.blocks.find((b) => b.type === 'code');
    const data = JSON.parse(code?.type === 'code' ? code.text : '{}') as MemberExport;
    expect(data.member.userId).toBe('alice');
    expect(data.answers.map((a) => [a.questionId, a.correct])).toEqual([[mine.id, true]]);
    expect(data.goals.map((g) => g.text)).toEqual(['Alice studies the registry']);
    expect(data.sessions.every((s) => s.memberId === data.member.id)).toBe(true);
    expect(data.reviewCards.map((c) => c.questionId)).toEqual([mine.id]);
    const json = JSON.stringify(data);
    for (const leak of ['bob', 'Bob keeps this', theirs.id]) expect(json).not.toContain(leak);
  });

  describe('forget-me', () => {
    /** Gives `user` rows in every personal table, through the commands wherever one writes the table. */
    async function studyEverything(user: string) {
      await answerQuestion(h, user, questionWhere(h, { skill: 'cicd' }, 0).id, true);
      await answerQuestion(h, user, questionWhere(h, { skill: 'cicd' }, 1).id, true, { kind: 'exam' });
      await h.cmd(user, '/goal set Delete-me test goal');
      await h.click(user, `ldone:${h.content.lessons[0]!.id}`);
      const drill = await h.cmd(user, '/drill');
      const [form] = forms(await h.click(user, buttons(drill)[0]!.actionId));
      const answered = await h.submit(user, form!.formId, { answer: 'I would version data and models, add monitoring for drift and latency, and roll out with a canary.' });
      expect(errorCode(answered)).toBeUndefined();
      // The scheduled question of the day (not built yet) is the only writer of drill_answers.
      const [m, g] = await Promise.all([member(user), h.store.ensureGroup('console', 'T1', 'C1')]);
      const q = questionWhere(h, {}, 0);
      await h.db.db.insert(drillAnswers).values({ memberId: m.id, groupId: g.id, day: '2026-11-25', questionId: q.id, choice: q.answer, correct: true, points: 10, answeredAt: h.clock.now() });
    }

    it('asks for confirmation with a form', async () => {
      const [form] = forms(await h.cmd('alice', '/study forget-me'));
      expect(form?.formId).toBe('forget');
      expect(form?.fields.map((f) => f.id)).toEqual(['confirm']);
      expect(form?.fields[0]!.label).toContain('DELETE');
    });

    it('deletes every row of mine in every personal table and none of another member’s', async () => {
      await studyEverything('bob');
      const bobOnly = await rowCounts(h.db);
      await studyEverything('alice');
      const both = await rowCounts(h.db);
      for (const t of PERSONAL_TABLES) expect(both[t], t).toBeGreaterThan(bobOnly[t]!);

      const [form] = forms(await h.cmd('alice', '/study forget-me'));
      const done = await h.submit('alice', form!.formId, { confirm: 'DELETE' });
      expect(errorCode(done)).toBeUndefined();
      const after = await rowCounts(h.db);
      for (const t of PERSONAL_TABLES) expect(after[t], t).toBe(bobOnly[t]);
      expect(fields(await h.cmd('bob', '/progress'))['Lessons']).toMatch(/^1 of/);
    });

    it('deletes nothing unless the confirmation is DELETE', async () => {
      await studyEverything('alice');
      const before = await rowCounts(h.db);
      for (const confirm of ['', 'no', 'DELETE ME', 'yes']) {
        expect(errorCode(await h.submit('alice', 'forget', { confirm })), confirm).toBe('FORGET_NOT_CONFIRMED');
      }
      expect(errorCode(await h.submit('alice', 'forget', {}))).toBe('FORGET_NOT_CONFIRMED');
      expect(await rowCounts(h.db)).toEqual(before);
    });
  });
});
