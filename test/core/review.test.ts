import { and, eq } from 'drizzle-orm';
import { createEmptyCard, fsrs, Rating, State, type Card } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { questionById } from '../../src/core/content/index.js';
import { POINTS, REVIEW_BATCH } from '../../src/core/scoring.js';
import { formatLocal } from '../../src/core/time.js';
import type { Reply } from '../../src/core/types.js';
import { reviewCards } from '../../src/db/schema.js';
import { rowCounts, TARGETS } from '../support/databases.js';
import { actor, buttons, textOf, useHarness } from '../support/harness.js';

/** The schedule the product promises: FSRS without fuzz, right = Good, wrong = Again. */
const scheduler = fsrs({ enable_fuzz: false });
const expectedNext = (card: Card | undefined, at: Date, correct: boolean) => scheduler.next(card ?? createEmptyCard(at), at, correct ? Rating.Good : Rating.Again).card;

describe.each(TARGETS)('review on %s', (target) => {
  const h = useHarness(target);

  const memberId = async (name: string) => (await h.store.ensureMember(actor(name))).id;
  async function cardOf(name: string, questionId: string) {
    const [row] = await h.db.db
      .select()
      .from(reviewCards)
      .where(and(eq(reviewCards.memberId, await memberId(name)), eq(reviewCards.questionId, questionId)));
    return row!;
  }

  /** The question shown in `replies`, and a click that answers it right or wrong. */
  async function shown(replies: Reply[]) {
    const [, sessionId, index] = buttons(replies).find((b) => b.actionId.startsWith('ans:'))!.actionId.split(':');
    const session = (await h.store.getSession(sessionId!))!;
    const q = questionById(h.content, session.questionIds[Number(index)]!)!;
    const action = (correct: boolean) => `ans:${session.id}:${index}:${correct ? q.answer : (q.answer + 1) % q.choices.length}`;
    return { session, q, action };
  }

  it('with no cards says nothing is due and how cards get there', async () => {
    const replies = await h.cmd('alice', '/review');
    expect(textOf(replies)).toContain('Nothing to review');
    expect(textOf(replies)).toContain('/quiz');
    expect(buttons(replies)).toEqual([]);
    expect((await rowCounts(h.db)).quiz_sessions).toBe(0);
  });

  it('serves a question missed in a quiz once its card is due, not before', async () => {
    const t0 = h.clock.now();
    const { q, action } = await shown(await h.cmd('alice', '/quiz 1'));
    await h.click('alice', action(false));
    const due = expectedNext(undefined, t0, false).due;
    expect((await cardOf('alice', q.id)).due.getTime()).toBe(due.getTime());
    expect(due.getTime()).toBeGreaterThan(t0.getTime());

    const early = await h.cmd('alice', '/review');
    expect(textOf(early)).toContain('Nothing to review');
    expect(textOf(early)).toContain(formatLocal(due, 'UTC'));
    expect((await rowCounts(h.db)).quiz_sessions).toBe(1);

    h.clock.set(due.toISOString());
    const replies = await h.cmd('alice', '/review');
    const review = await shown(replies);
    expect(review.session.kind).toBe('review');
    expect(review.q.id).toBe(q.id);
    expect(textOf(replies)).toContain('Review · question 1 of 1');
    expect(textOf(replies)).toContain(q.stem);
  });

  it('moves the next due date further out after each correct answer and updates the card (FSRS)', async () => {
    let now = h.clock.now();
    const { q, action } = await shown(await h.cmd('alice', '/quiz 1'));
    await h.click('alice', action(true));
    let expected = expectedNext(undefined, now, true);
    let card = await cardOf('alice', q.id);
    expect(card.due.getTime()).toBe(expected.due.getTime());
    let interval = card.due.getTime() - now.getTime();

    for (let round = 1; round <= 2; round++) {
      now = card.due;
      h.clock.set(now.toISOString());
      const review = await shown(await h.cmd('alice', '/review'));
      expect(review.q.id).toBe(q.id);
      const feedback = await h.click('alice', review.action(true));
      expect(textOf(feedback)).toContain('Correct');
      expected = expectedNext(expected, now, true);
      card = await cardOf('alice', q.id);
      expect(card.due.getTime()).toBe(expected.due.getTime());
      expect(card.reps).toBe(round + 1);
      expect(card.lastReview?.getTime()).toBe(now.getTime());
      const next = card.due.getTime() - now.getTime();
      expect(next).toBeGreaterThan(interval);
      interval = next;
    }
    expect(card.state).toBe(State.Review);
    expect(textOf(await h.cmd('alice', '/review'))).toContain('Nothing to review');
  });

  it('a wrong review answer counts a lapse and brings the card back sooner', async () => {
    let now = h.clock.now();
    const { q, action } = await shown(await h.cmd('alice', '/quiz 1'));
    await h.click('alice', action(true));
    now = (await cardOf('alice', q.id)).due;
    h.clock.set(now.toISOString());
    await h.click('alice', (await shown(await h.cmd('alice', '/review'))).action(true));
    const before = await cardOf('alice', q.id);
    expect(before.state).toBe(State.Review);

    now = before.due;
    h.clock.set(now.toISOString());
    const review = await shown(await h.cmd('alice', '/review'));
    const feedback = await h.click('alice', review.action(false));
    expect(textOf(feedback)).toContain(q.choices[q.answer]!);
    const after = await cardOf('alice', q.id);
    expect(after.lapses).toBe(before.lapses + 1);
    expect(after.due.getTime() - now.getTime()).toBeLessThan(before.due.getTime() - before.lastReview!.getTime());
  });

  it('earns practice points for a question already answered right and full points for one first missed', async () => {
    const quiz = await h.cmd('alice', '/quiz 2');
    const first = await shown(quiz);
    const afterFirst = await h.click('alice', first.action(true));
    const second = await shown(afterFirst);
    await h.click('alice', second.action(false));
    const firstPoints = POINTS.firstCorrect[first.q.difficulty];
    expect(await h.store.totalPoints(await memberId('alice'))).toBe(firstPoints);

    h.clock.advance(24 * 3600_000);
    const replies = await h.cmd('alice', '/review');
    expect(textOf(replies)).toContain('question 1 of 2');
    const expectedPoints = new Map([
      [first.q.id, POINTS.practiceCorrect],
      [second.q.id, POINTS.firstCorrect[second.q.difficulty]],
    ]);
    let current = replies;
    let earned = 0;
    for (let i = 0; i < 2; i++) {
      const r = await shown(current);
      current = await h.click('alice', r.action(true));
      const points = expectedPoints.get(r.q.id)!;
      expect(textOf([current[0]!])).toContain(`+${points} points`);
      earned += points;
    }
    expect(textOf(current)).toContain('Review finished');
    expect(textOf(current)).toContain(`+${earned} points`);
    expect(await h.store.totalPoints(await memberId('alice'))).toBe(firstPoints + earned);
    expect((await rowCounts(h.db)).score_events).toBe(3);
  });

  it(`serves at most ${REVIEW_BATCH} due cards at once, only the member’s own`, async () => {
    let replies = await h.cmd('alice', `/quiz ${REVIEW_BATCH + 2}`);
    for (let i = 0; i < REVIEW_BATCH + 2; i++) replies = await h.click('alice', (await shown(replies)).action(false));
    await h.click('bob', (await shown(await h.cmd('bob', '/quiz 1'))).action(true));
    h.clock.advance(24 * 3600_000);
    const review = await h.cmd('alice', '/review');
    expect(textOf(review)).toContain(`question 1 of ${REVIEW_BATCH}`);
    const { session } = await shown(review);
    const bobs = await h.store.seenQuestions(await memberId('bob'));
    const alices = new Set(await h.store.seenQuestions(await memberId('alice')));
    expect(session.questionIds.every((id) => alices.has(id))).toBe(true);
    expect(textOf(await h.cmd('bob', '/review'))).toContain('question 1 of 1');
    expect(bobs).toHaveLength(1);
  });
});
