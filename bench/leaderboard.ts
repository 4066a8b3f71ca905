import { sql } from 'drizzle-orm';
import type { Db } from '../src/db/client.js';
import { nextReviewCard } from '../src/core/review/card.js';
import { periodBounds } from '../src/core/time.js';
import { createPgStore } from '../src/db/store.js';
import { benchContent } from './lib/core-app.js';
import { rowsOf } from './lib/scratch-db.js';
import { seedAnsweredGroup } from './lib/seed.js';
import { summarize, timeRuns, type Summary } from './lib/stats.js';

export interface LeaderboardResult {
  members: number;
  answers: number;
  seedMs: number;
  /** The one-off rebuild of the group's periods from the ledger, done by the first answer after seeding. */
  firstAnswerMs: number;
  board: Summary;
  /** SUM … GROUP BY over the answers (joined to their sessions for the group). */
  naive: Summary;
  /** The ledger query the store ran before the totals existed (its fallback), as a second reference. */
  ledger: Summary;
}

/**
 * This week's top 10 of a group of `members` members with `answers` answers this week: the store's
 * leaderboard (per-period totals) beside a naive SUM … GROUP BY over the answers.
 */
export async function leaderboardBench(db: Db, opts: { members: number; answers: number; runs: number; naiveRuns: number }): Promise<LeaderboardResult> {
  const now = new Date();
  const week = periodBounds('week', now, 'UTC');
  // Spread over this week so far (at least an hour, so a run early on Monday still has a spread).
  const to = new Date(Math.max(now.getTime(), week.from.getTime() + 3_600_000));
  const started = performance.now();
  const seeded = await seedAnsweredGroup(db, { members: opts.members, answers: opts.answers, from: week.from, to });
  const seedMs = performance.now() - started;

  // One real answer through the store: the group's periods are new to the totals, so they are rebuilt from the ledger.
  const store = createPgStore(db);
  const content = benchContent();
  const question = content.questions[0]!;
  const session = await store.createSession({ memberId: seeded.firstMemberId + 1, groupId: seeded.groupId, kind: 'quiz', questionIds: [question.id], createdAt: now });
  const firstStarted = performance.now();
  await store.recordAnswer({
    session,
    questionId: question.id,
    skill: question.skill,
    choice: question.answer,
    correct: true,
    answeredAt: now,
    localDay: now.toISOString().slice(0, 10),
    firstCorrectPoints: 10,
    practicePoints: 2,
    nextCard: (c) => nextReviewCard(c, true, now),
  });
  const firstAnswerMs = performance.now() - firstStarted;

  const top = await store.leaderboard(seeded.groupId, week.from, week.to, 10);
  const naiveQuery = sql`select a.member_id, sum(a.points) as points, max(a.answered_at) as reached_at
    from answers a join quiz_sessions s on s.id = a.session_id join members m on m.id = a.member_id
    where s.group_id = ${seeded.groupId} and a.answered_at >= ${week.from.toISOString()}::timestamptz and a.answered_at < ${week.to.toISOString()}::timestamptz and not m.hidden
    group by a.member_id having sum(a.points) > 0 order by 2 desc, 3, 1 limit 10`;
  const naiveTop = await rowsOf<{ member_id: number }>(db, naiveQuery);
  // Both must name the same ten members in the same order, or the figures compare different things.
  if (top.length !== 10 || top.map((r) => r.memberId).join() !== naiveTop.map((r) => Number(r.member_id)).join()) {
    throw new Error(`the leaderboard (${top.map((r) => r.memberId).join()}) differs from the naive ranking (${naiveTop.map((r) => r.member_id).join()})`);
  }

  const board = summarize(await timeRuns(opts.runs, () => store.leaderboard(seeded.groupId, week.from, week.to, 10), 5));
  const naive = summarize(await timeRuns(opts.naiveRuns, () => db.execute(naiveQuery), 1));
  // The same range one millisecond longer is not a kept period: the store sums the ledger.
  const ledgerTo = new Date(week.to.getTime() + 1);
  const ledger = summarize(await timeRuns(opts.naiveRuns, () => store.leaderboard(seeded.groupId, week.from, ledgerTo, 10), 1));
  return { members: opts.members, answers: opts.answers, seedMs, firstAnswerMs, board, naive, ledger };
}
