import { afterEach, describe, expect, it } from 'vitest';
import { questionById } from '../../src/core/content/index.js';
import { POINTS } from '../../src/core/scoring.js';
import type { Block, MessageReply } from '../../src/core/types.js';
import { rowCounts, TARGETS } from '../support/databases.js';
import { actor, buttons, errorCode, forms, messages, textOf, useHarness } from '../support/harness.js';
import { answerQuestion } from '../support/points.js';
import { kindOf, RecordingPoster, schedulerFor, setup } from '../scheduler/kit.js';

describe.each(TARGETS)('the daily question on %s', (target) => {
  const h = useHarness(target);
  afterEach(() => expect(h.errors).toEqual([]));

  /** Sets the group up (09:00 UTC, Mon–Fri) and returns a function that posts the drill due at `iso`. */
  async function drills() {
    h.clock.set('2026-11-23T12:00:00Z');
    await setup(h, 'time 09:00 tz UTC days mon-fri');
    const poster = new RecordingPoster(h.clock.now);
    const { scheduler } = schedulerFor(h, poster);
    return async (iso: string): Promise<MessageReply> => {
      h.clock.set(iso);
      await scheduler.tick(h.clock.now());
      return poster.posts.filter((p) => kindOf(p) === 'drill').at(-1)!.reply;
    };
  }

  const questionOf = (post: MessageReply) => {
    const [day, id] = buttons([post])[0]!.actionId.split(':').slice(1);
    return { day: day!, q: questionById(h.content, id!)! };
  };
  const choose = (post: MessageReply, user: string, choice: number, channel = 'C1') => h.click(user, buttons([post])[choice]!.actionId, channel);
  const events = async () => (await h.db.db.query.scoreEvents.findMany()).map((e) => [e.source, e.points]);

  it('posts the question with one button per choice and the prompt of the day with an Answer button that opens the form', async () => {
    const post = await (await drills())('2026-11-24T09:00:00Z');
    const { day, q } = questionOf(post);
    expect(day).toBe('2026-11-24');
    expect(post.title).toBe('Daily drill · Tue 24 Nov');
    expect(textOf([post])).toContain(q.stem);
    expect(textOf([post])).toContain('Mock interview of the day');
    expect(textOf([post])).not.toContain('Answer to');
    const labels = buttons([post]).map((b) => b.label);
    expect(labels).toEqual([...q.choices, 'Answer']);
    for (const b of buttons([post])) expect(b.actionId.length).toBeLessThanOrEqual(60);
    const [form] = forms(await h.click('ann', buttons([post]).at(-1)!.actionId));
    expect(form?.formId).toMatch(/^dform:/);
  });

  it('counts one answer per member and day: first-correct points plus the same-day bonus, wrong answers nothing', async () => {
    const post = await (await drills())('2026-11-24T09:00:00Z');
    const { q } = questionOf(post);
    const wrong = (q.answer + 1) % q.choices.length;
    h.clock.set('2026-11-24T12:00:00Z');

    const right = await choose(post, 'ann', q.answer);
    const total = POINTS.firstCorrect[q.difficulty] + POINTS.dailyQuestionBonus;
    expect(textOf(right)).toContain(`✅ Correct · +${total} points, with the +${POINTS.dailyQuestionBonus} same-day bonus`);
    expect(textOf(right)).toContain(q.explanation);
    expect(messages(right)[0]!.visibility).toBe('ephemeral');
    expect(await events()).toEqual([
      ['first-correct', POINTS.firstCorrect[q.difficulty]],
      ['daily-bonus', POINTS.dailyQuestionBonus],
    ]);

    const counts = await rowCounts(h.db);
    const again = await choose(post, 'ann', wrong);
    expect(textOf(again)).toContain('You already answered Tue 24 Nov’s question');
    expect(textOf(again)).toContain('✅ Correct');
    expect(await rowCounts(h.db)).toEqual(counts);

    const missed = await choose(post, 'bob', wrong);
    expect(textOf(missed)).toContain('❌ Not this time');
    expect(textOf(missed)).not.toContain(q.explanation);
    expect((await events()).length).toBe(2);
    expect((await h.db.db.query.drillAnswers.findMany()).map((a) => [a.correct, a.points]).sort()).toEqual([
      [false, 0],
      [true, total],
    ]);
    // Like any answer, the daily question feeds /review: a right answer is due later than a wrong one.
    const cards = await h.db.db.query.reviewCards.findMany();
    expect(cards.map((c) => c.questionId)).toEqual([q.id, q.id]);
    const [annCard, bobCard] = [...cards].sort((a, b) => b.due.getTime() - a.due.getTime());
    expect(annCard!.lapses).toBe(0);
    expect(bobCard!.due.getTime()).toBeLessThan(annCard!.due.getTime());
  });

  it('pays practice points to a member who already got the question right in a quiz, and no bonus the day after', async () => {
    const next = await drills();
    const post = await next('2026-11-24T09:00:00Z');
    const { q } = questionOf(post);
    await answerQuestion(h, 'cat', q.id, true);
    expect(textOf(await choose(post, 'cat', q.answer))).toContain(`+${POINTS.practiceCorrect + POINTS.dailyQuestionBonus} points`);

    // Wednesday 08:00, before Wednesday's drill: still open, no same-day bonus.
    h.clock.set('2026-11-25T08:00:00Z');
    const late = await choose(post, 'dan', q.answer);
    expect(textOf(late)).toContain(`+${POINTS.firstCorrect[q.difficulty]} points`);
    expect(textOf(late)).not.toContain('bonus');
    const dan = await h.store.ensureMember(actor('dan'));
    expect((await h.db.db.query.scoreEvents.findMany()).filter((e) => e.memberId === dan.id).map((e) => e.source)).toEqual(['first-correct']);
  });

  it('reveals the answer and how the group answered with the next drill, then closes the question', async () => {
    const next = await drills();
    const tuesday = await next('2026-11-24T09:00:00Z');
    const { q } = questionOf(tuesday);
    const wrong = (q.answer + 1) % q.choices.length;
    await choose(tuesday, 'ann', q.answer);
    await choose(tuesday, 'bob', q.answer);
    await choose(tuesday, 'cat', wrong);

    const wednesday = await next('2026-11-25T09:00:00Z');
    expect(questionOf(wednesday).q.id).not.toBe(q.id);
    const text = textOf([wednesday]);
    expect(text).toContain('Answer to Tue 24 Nov’s question');
    expect(text).toContain(`✅ **${q.choices[q.answer]}**`);
    const bars = wednesday.blocks.find((b): b is Extract<Block, { type: 'bars' }> => b.type === 'bars')!;
    expect(bars.title).toBe('How the group answered: 2 of 3 correct');
    expect(bars.bars.map((b) => b.value)).toEqual(q.choices.map((_, i) => (i === q.answer ? 2 : i === wrong ? 1 : 0)));
    expect(bars.bars.every((b) => b.max === 3)).toBe(true);

    const before = await rowCounts(h.db);
    expect(errorCode(await choose(tuesday, 'dan', q.answer))).toBe('DAILY_QUESTION_CLOSED');
    const after = await rowCounts(h.db);
    expect([after.drill_answers, after.score_events, after.activity_days]).toEqual([before.drill_answers, before.score_events, before.activity_days]);
  });

  it('/study question shows the open question with the same buttons; other channels and forged buttons are refused', async () => {
    expect(textOf(await h.cmd('ann', '/study question'))).toContain('No question of the day yet');
    const post = await (await drills())('2026-11-24T09:00:00Z');
    const shown = await h.cmd('ann', '/study question');
    expect(buttons(shown).map((b) => b.actionId)).toEqual(buttons([post]).slice(0, -1).map((b) => b.actionId));

    const { day, q } = questionOf(post);
    expect(errorCode(await choose(post, 'ann', q.answer, 'C2'))).toBe('DAILY_QUESTION_CLOSED');
    expect(errorCode(await h.click('ann', `dq:${day}:${q.id}:9`))).toBe('ACTION_INVALID');
    expect(errorCode(await h.click('ann', 'dq:yesterday:x:1'))).toBe('ACTION_INVALID');
    expect((await rowCounts(h.db)).drill_answers).toBe(0);
  });

  it('counts on the group’s leaderboard', async () => {
    const post = await (await drills())('2026-11-24T09:00:00Z');
    const { q } = questionOf(post);
    await choose(post, 'ann', q.answer);
    expect(textOf(await h.cmd('bob', '/leaderboard'))).toContain(`ann · **${POINTS.firstCorrect[q.difficulty] + POINTS.dailyQuestionBonus}** pts`);
  });
});
