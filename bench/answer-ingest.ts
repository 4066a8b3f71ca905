import type { Db } from '../src/db/client.js';
import { benchActor, benchCore, buttonsOf } from './lib/core-app.js';
import { perSecond, runConcurrent } from './lib/stats.js';

/** One answers row as the store writes it, for the raw-insert reference. */
export interface RawAnswerRow {
  sessionId: string;
  questionId: string;
  memberId: number;
  skill: string;
  choice: number;
  correct: boolean;
  points: number;
  answeredAt: Date;
}

export interface IngestOptions {
  members: number;
  questionsPerMember: number;
  concurrency: number;
  /** Inserts one row with the bare driver (postgres.js or PGlite), prepared, autocommitted. */
  rawInsert: (row: RawAnswerRow) => Promise<void>;
}

export interface IngestResult {
  answers: number;
  /** Answers per second through core.handle (answer buttons) and the store. */
  fullPerSecond: number;
  /** Bare inserts of an equivalent row per second, at the same concurrency. */
  rawPerSecond: number;
  /** Answers that came back with an error code (should be 0). */
  failed: number;
}

const CHANNEL = 'CINGEST';

/**
 * Answer ingest: `members` members each start a quiz (setup, untimed), then every member answers
 * their questions through the core's answer buttons, interleaved so concurrent answers come from
 * different members, as when a group answers the daily question in the same few minutes.
 */
export async function answerIngest(db: Db, opts: IngestOptions): Promise<IngestResult> {
  const { core, store, content } = benchCore(db);
  const q = opts.questionsPerMember;
  const sessions: { id: string; memberId: number; questionIds: string[] }[] = new Array(opts.members);
  await runConcurrent(opts.members, opts.concurrency, async (i) => {
    const replies = await core.handle({ kind: 'command', actor: benchActor(i), channelId: CHANNEL, text: `/quiz ${q}` });
    const first = buttonsOf(replies)[0]?.actionId.split(':')[1];
    const session = first ? await store.getSession(first) : undefined;
    if (!session) throw new Error(`no quiz session for member ${i}: ${JSON.stringify(replies).slice(0, 300)}`);
    sessions[i] = { id: session.id, memberId: session.memberId, questionIds: session.questionIds };
  });
  const byId = new Map(content.questions.map((x) => [x.id, x]));
  const total = opts.members * q;
  // A fixed 70% of answers are right, spread evenly.
  const choiceFor = (k: number, answer: number, choices: number) => (k % 10 < 7 ? answer : (answer + 1) % choices);

  let failed = 0;
  let fullMs = 0;
  let rawMs = 0;
  // Rounds alternate the answer path and the reference, so both see the same machine (other load, table sizes).
  const rounds = Math.min(4, q);
  for (let r = 0; r < rounds; r++) {
    const [from, to] = [Math.floor((r * q) / rounds) * opts.members, Math.floor(((r + 1) * q) / rounds) * opts.members];
    fullMs += await runConcurrent(to - from, opts.concurrency, async (i) => {
      const k = from + i;
      const s = sessions[k % opts.members]!;
      const index = Math.floor(k / opts.members);
      const question = byId.get(s.questionIds[index]!)!;
      const actionId = `ans:${s.id}:${index}:${choiceFor(k, question.answer, question.choices.length)}`;
      const replies = await core.handle({ kind: 'action', actor: benchActor(k % opts.members), channelId: CHANNEL, actionId });
      if (replies.some((reply) => reply.type === 'message' && reply.errorCode)) failed++;
    });
    // The reference: one equivalent answers row per insert, into the same sessions (other question ids).
    rawMs += await runConcurrent(to - from, opts.concurrency, async (i) => {
      const k = from + i;
      const s = sessions[k % opts.members]!;
      const index = Math.floor(k / opts.members);
      await opts.rawInsert({ sessionId: s.id, questionId: `raw-${index}`, memberId: s.memberId, skill: 'serving', choice: k % 4, correct: k % 10 < 7, points: 0, answeredAt: new Date() });
    });
  }
  return { answers: total, fullPerSecond: perSecond(total, fullMs), rawPerSecond: perSecond(total, rawMs), failed };
}
