import { and, eq, sql } from 'drizzle-orm';
import type { Answer, AnswerInput, Store } from '../../core/ports.js';
import { batching } from '../batch.js';
import type { Db } from '../client.js';
import { rowsOf } from '../rows.js';
import { answers } from '../schema.js';
import { awardCtes, groupZoneLocked } from './awards.js';
import { toAnswer, toCard, type CardRow } from './sessions.js';

type Recorded = Awaited<ReturnType<Store['recordAnswer']>>;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Claimed = CardRow & { inserted: number; zone: string | null };

/** Most answers written in one transaction. */
export const ANSWER_BATCH = 64;

/**
 * One statement: the answer (once per session and question), the member's card for this question
 * locked for the update in `score`, and, for points, the group's zone (see awards.ts).
 */
async function claim(tx: Tx, input: AnswerInput): Promise<Claimed | undefined> {
  const { session } = input;
  const [row] = await rowsOf<Claimed>(
    tx,
    sql`with ins as (
        insert into answers (session_id, question_id, member_id, skill, choice, correct, points, answered_at)
        values (${session.id}::uuid, ${input.questionId}, ${session.memberId}, ${input.skill}, ${input.choice}, ${input.correct}, 0, ${input.answeredAt.toISOString()}::timestamptz)
        on conflict do nothing returning 1),
      card as (select * from review_cards where member_id = ${session.memberId} and question_id = ${input.questionId} for update)
      select (select count(*) from ins)::int as inserted, ${input.correct ? groupZoneLocked(session.groupId) : sql`null::text`} as zone,
        card.due, card.stability, card.difficulty, card.elapsed_days as "elapsedDays", card.scheduled_days as "scheduledDays",
        card.learning_steps as "learningSteps", card.reps, card.lapses, card.state, card.last_review as "lastReview"
      from (select 1) one left join card on true`,
  );
  return row;
}

/**
 * One statement after a claim that inserted the answer: the points (ledger and leaderboard totals),
 * the answer's points, the next card, the day's activity. After a claim that found the answer
 * already there (a repeated click), that answer.
 */
async function score(tx: Tx, input: AnswerInput, claimed: Claimed | undefined): Promise<Recorded> {
  const { session } = input;
  const { memberId, groupId } = session;
  if (!claimed?.inserted) {
    const [existing] = await tx
      .select()
      .from(answers)
      .where(and(eq(answers.sessionId, session.id), eq(answers.questionId, input.questionId)));
    return { answer: toAnswer(existing!), recorded: false };
  }
  const current =
    claimed.due === null ? undefined : toCard({ ...claimed, due: new Date(claimed.due), lastReview: claimed.lastReview === null ? null : new Date(claimed.lastReview) });
  const next = input.nextCard(current);
  const award = input.correct
    ? {
        memberId,
        groupId,
        at: input.answeredAt,
        zone: claimed.zone ?? 'UTC',
        primary: { source: 'first-correct', sourceKey: `first:${memberId}:${input.questionId}`, points: input.firstCorrectPoints },
        fallback: { source: 'practice', sourceKey: `answer:${session.id}:${input.questionId}`, points: input.practicePoints },
      }
    : undefined;
  const [result] = await rowsOf<{ points: number }>(
    tx,
    sql`with ${awardCtes(award)},
      scored as (
        update answers set points = (select points from awarded)
        where session_id = ${session.id}::uuid and question_id = ${input.questionId} and (select points from awarded) > 0),
      card as (
        insert into review_cards (member_id, question_id, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review)
        values (${memberId}, ${input.questionId}, ${next.due.toISOString()}::timestamptz, ${next.stability}, ${next.difficulty}, ${next.elapsed_days},
          ${next.scheduled_days}, ${next.learning_steps}, ${next.reps}, ${next.lapses}, ${next.state}, ${next.last_review?.toISOString() ?? null}::timestamptz)
        on conflict (member_id, question_id) do update set due = excluded.due, stability = excluded.stability, difficulty = excluded.difficulty,
          elapsed_days = excluded.elapsed_days, scheduled_days = excluded.scheduled_days, learning_steps = excluded.learning_steps,
          reps = excluded.reps, lapses = excluded.lapses, state = excluded.state, last_review = excluded.last_review),
      active as (insert into activity_days (member_id, day) values (${memberId}, ${input.localDay}::date) on conflict do nothing)
      select points from awarded`,
  );
  const answer: Answer = { sessionId: session.id, questionId: input.questionId, choice: input.choice, correct: input.correct, points: result?.points ?? 0, answeredAt: input.answeredAt };
  return { answer, recorded: true };
}

/**
 * Locks each answer's (member, question) until the transaction ends. A card that does not exist yet
 * has no row for the claim's FOR UPDATE to lock: without this, two sessions of one member answering
 * the same question at once would both start from no card, and one update would be lost.
 * In its own statement, so that the claims that follow read the cards after the locks are held.
 */
async function lockCards(tx: Tx, sorted: AnswerInput[]): Promise<void> {
  await rowsOf(
    tx,
    sql`select pg_advisory_xact_lock(k.member_id, hashtext(k.question_id))
      from unnest(${sql.param(sorted.map((i) => i.session.memberId))}::int[], ${sql.param(sorted.map((i) => i.questionId))}::text[]) with ordinality as k(member_id, question_id, n)
      order by k.n`,
  );
}

/**
 * Answers in one transaction: the locks, every claim, then every score. The statements of each phase
 * go out together on the transaction's connection (pipelined), so a batch costs five round trips
 * whatever its size. Inputs come in member order so that two batches lock rows in the same order.
 */
async function writeAll(db: Db, inputs: AnswerInput[]): Promise<Recorded[]> {
  const order = inputs.map((_, i) => i).sort((a, b) => inputs[a]!.session.memberId - inputs[b]!.session.memberId || inputs[a]!.questionId.localeCompare(inputs[b]!.questionId));
  const sorted = order.map((i) => inputs[i]!);
  const recorded = await db.transaction(async (tx) => {
    await lockCards(tx, sorted);
    const claims = await Promise.all(sorted.map((input) => claim(tx, input)));
    return Promise.all(sorted.map((input, k) => score(tx, input, claims[k])));
  });
  const result = new Array<Recorded>(inputs.length);
  order.forEach((i, k) => (result[i] = recorded[k]!));
  return result;
}

/**
 * recordAnswer: concurrent answers are written together (see batch.ts); two answers that update
 * the same review card never share a batch, so each reads the card the other wrote. When a batch
 * fails, each of its answers is written on its own, so one bad answer cannot fail the others.
 */
export function answerStore(db: Db): Pick<Store, 'recordAnswer'> {
  const record = batching<AnswerInput, Recorded>(
    async (inputs) => {
      try {
        return await writeAll(db, inputs);
      } catch (err) {
        if (inputs.length === 1) throw err;
        return Promise.all(inputs.map((input) => writeAll(db, [input]).then(([one]) => one!, (e: unknown) => (e instanceof Error ? e : new Error(String(e))))));
      }
    },
    { maxBatch: ANSWER_BATCH, maxInFlight: 2, conflictKey: (input) => `${input.session.memberId}:${input.questionId}` },
  );
  return { recordAnswer: record };
}
