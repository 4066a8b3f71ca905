import type { Params } from '../params.js';
import { markdownTable, verdict, type Machine, type Row } from './report.js';
import type { Results } from './rows.js';

export interface Document {
  machine: Machine;
  rows: Row[];
  results: Results;
  params: Params;
  soakSeconds: number;
  seconds: number;
}

const n = (v: number) => v.toLocaleString('en-US');

/** BENCHMARKS.md: the machine, the date, every figure beside its reference, the goals and how each figure was measured. */
export function benchmarksMarkdown({ machine, rows, results, params, soakSeconds, seconds }: Document): string {
  const goals = rows.filter((r) => r.met !== undefined);
  const fan = results.fanOut;
  return `# Benchmarks

Written by \`npm run bench${soakSeconds === 60 ? '' : ` -- --soak ${soakSeconds}`}\` (\`bench/run.ts\`) on ${machine.date.slice(0, 10)} at ${machine.date.slice(11, 16)} UTC, in
${Math.round(seconds)} s. Absolute times depend on the machine and on whatever else runs on it, so every figure
stands beside a reference measured in the same run, and the ratio is what to compare between runs.

## Machine

| | |
|---|---|
| CPU | ${machine.cores} |
| memory | ${machine.memory} |
| OS | ${machine.os} |
| Node.js | ${machine.node} |
| Postgres server | ${machine.postgres} (local, default settings: fsync on, synchronous_commit on) |
| PGlite | ${machine.pglite} (in memory) |

The app, Postgres, and the load generator with the fake Slack and Discord all share these cores.

## Results

${markdownTable(rows)}

## Goals

${goals.map((r) => `- **${r.section}, ${r.figure}**: ${r.value} against ${r.goal}${r.ratio ? ` (ratio ${r.ratio})` : ''}: ${verdict(r.met)}.`).join('\n')}

## What each figure measures

1. **Answer ingest.** ${n(params.ingest.members)} members each start a \`/quiz ${params.ingest.questionsPerMember}\` (untimed), then answer every
   question through \`core.handle\` (the answer button's action, with the per-member limits, metrics
   and logging wrappers of the app) on the app's own connection pool (postgres.js, 10 connections),
   ${params.ingest.concurrency} at a time, interleaved across members. The reference inserts one equivalent \`answers\` row per
   statement (prepared, autocommitted) with postgres.js at the same concurrency and pool size. The two
   alternate in four rounds. An answer reads the member, the group, the session and its answers, and
   writes in one transaction of two statements: the answer with the review card locked, then the
   points (ledger and leaderboard totals), the answer's points, the next review card and the day's
   activity.
2. **Leaderboard.** One group of ${n(params.leaderboard.members)} members (1% hidden) with ${n(params.leaderboard.answers)} answers this week
   (sessions, answers and score events written with \`generate_series\` into the real tables, 70% right).
   One real answer then rebuilds the group's week, month and all-time totals from the ledger, as the
   first score after an upgrade does. Timed: the store's \`leaderboard()\` for this week's top 10
   (${params.leaderboard.runs} runs), beside a naive \`SUM(points) … GROUP BY member\` over the answers joined to their
   sessions (${params.leaderboard.naiveRuns} runs); both must name the same ten members in the same order.
3. **Scheduler.** ${n(params.due.groups)} set-up Slack groups in ${n(params.due.workspaces)} workspaces, each with a daily drill and a goal
   reminder due at 09:00 in one of 24 time zones. One tick's due-slot computation is the store's
   \`dueSlots\` (rows of \`group_schedules\` by their \`next_run_at\` index, with each group) and the
   post-or-skip decision for each; the reference counts the due rows in the index. Then all groups are
   made due in the same minute (a tick reads them ${200} at a time while it posts).
   Fan-out: one scheduler tick with ${fan ? n(fan.channels) : 'the'} Slack groups (daily drill and goal reminder each,
   composed by the core from the database) through the real Slack adapter's poster and Web API client
   to the test suite's fake Slack, behind a front that enforces Slack's chat.postMessage limits
   (${params.fanOut.limits.perChannelMs / 1000} message a second per channel; ${params.fanOut.limits.workspacePerSecond} a second per workspace, sliding window; HTTP 429 with
   Retry-After otherwise). The theoretical minimum is what a sender knowing the limits needs:
   max(ceil(posts / ${params.fanOut.limits.workspacePerSecond}) − 1 s, 1 s between a channel's two posts). Lost: slots claimed but not posted and recorded
   when the tick ends; duplicates: messages in the fake beyond one per slot.${fan ? ` Accepted per second: ${fan.perSecond.join(', ')}.` : ''}
4. **Interaction latency.** The app runs as \`src/main.ts\` does in server mode, in its own process
   (Postgres server, Slack and Discord adapters over HTTP, scheduler, metrics, logs at info to a file).
   ${n(params.latency.requests)} signed \`/quiz 3\` slash commands from ${n(params.latency.members)} members, ${params.latency.concurrency} at a time, closed loop, after ${params.latency.warmup} warm-up requests:
   Slack until Bolt's acknowledgement (the reply follows on response_url), Discord HTTP interactions
   (Ed25519-signed) until the response that carries the reply. The reference is \`GET /healthz\` on the
   same server at the same concurrency.
5. **Memory.** The same app process: RSS (from /proc) idle after start, then after the latency run and
   ${n(params.memory.answers)} answer clicks and \`/quiz 20\` and \`/leaderboard\` commands from ${n(params.memory.users)} members, every other one on
   Slack and on Discord (HTTP interactions) (${n(params.memory.interactions)}
   interactions in all, counting the latency run's), then over a soak of ${soakSeconds} s of the same traffic
   (\`npm run bench -- --soak 300\` for the issue's five minutes).
6. **PGlite.** Answer ingest (${n(params.ingestPglite.members * params.ingestPglite.questionsPerMember)} answers) and the leaderboard (same data) on the embedded
   database, in memory, in the benchmark's own process; its reference inserts go through PGlite's
   \`query\`.

## Running it

\`\`\`sh
npm run bench                       # tsx bench/run.ts; writes BENCHMARKS.md
npm run bench -- --soak 300         # a five-minute soak
npm run bench -- --only 2,3         # some sections only (prints, does not write the file)
BENCH_DATABASE_URL=postgres://user@host:5432/postgres npm run bench
\`\`\`

It creates the scratch database \`bench_<pid>\` next to the one in \`BENCH_DATABASE_URL\` (default
\`postgres://postgres@127.0.0.1:5432/postgres\`) and drops it at the end.
`;
}
