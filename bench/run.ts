/**
 * `npm run bench`: every benchmark of issue 9 in one run, each figure beside a reference measured in
 * the same run. Prints a table and writes BENCHMARKS.md. Flags: --soak <seconds> (default 60; 300 for the five minutes),
 * --only <sections> (e.g. --only 1,2; the file is only written for a full run).
 * BENCH_DATABASE_URL: the Postgres server (a scratch database bench_<pid> is created and dropped).
 * BENCH_APP_PROF=1: the app process of sections 4 and 5 writes a CPU profile to /tmp/prof-app.
 */
import { writeFileSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { openDatabase, type Db } from '../src/db/client.js';
import { answerIngest, type RawAnswerRow } from './answer-ingest.js';
import { latencyBench } from './latency.js';
import { leaderboardBench } from './leaderboard.js';
import { startAppProcess } from './lib/app-process.js';
import { benchmarksMarkdown } from './lib/benchmarks-md.js';
import { Platforms } from './lib/platforms.js';
import { machine, textTable, type Row } from './lib/report.js';
import { ingestRows, latencyRows, leaderboardRows, memoryRows, schedulerRows, type Results } from './lib/rows.js';
import { createScratchServer, DEFAULT_SERVER_URL, truncateAll } from './lib/scratch-db.js';
import { memoryBench } from './memory.js';
import { dueSlotsBench } from './scheduler-due.js';
import { PARAMS } from './params.js';
import { fanOutBench } from './scheduler-fanout.js';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const soakSeconds = Number(flag('soak') ?? 60);
const only = flag('only')?.split(',').map(Number);
const wanted = (section: number) => !only || only.includes(section);
/** Empties the tables and writes the dirty pages now, so one section's writes do not slow the next. */
async function settle(db: Db): Promise<void> {
  await truncateAll(db);
  await db.execute(sql`checkpoint`).catch(() => undefined); // needs superuser or pg_checkpoint
}

const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

const postgresInsert = (raw: (strings: TemplateStringsArray, ...values: unknown[]) => Promise<unknown>) => async (r: RawAnswerRow) =>
  void (await raw`insert into answers (session_id, question_id, member_id, skill, choice, correct, points, answered_at)
    values (${r.sessionId}, ${r.questionId}, ${r.memberId}, ${r.skill}, ${r.choice}, ${r.correct}, ${r.points}, ${r.answeredAt})`);

const pgliteInsert = (client: PGlite) => async (r: RawAnswerRow) =>
  void (await client.query(
    'insert into answers (session_id, question_id, member_id, skill, choice, correct, points, answered_at) values ($1, $2, $3, $4, $5, $6, $7, $8)',
    [r.sessionId, r.questionId, r.memberId, r.skill, r.choice, r.correct, r.points, r.answeredAt.toISOString()],
  ));

async function main(): Promise<void> {
  const started = performance.now();
  const results: Results = {};
  const server = await createScratchServer(process.env.BENCH_DATABASE_URL ?? DEFAULT_SERVER_URL);
  const db: Db = server.database.db;
  log(`Postgres ${server.version}, scratch database ${new URL(server.url).pathname.slice(1)}; soak ${soakSeconds} s`);
  try {
    // The app process first, on a quiet database; the 1,000,000-answer seed last.
    if (wanted(4) || wanted(5)) {
      const platforms = new Platforms();
      await platforms.start(PARAMS.memory.users);
      const app = await startAppProcess({ ...platforms.appEnv(), DATABASE_URL: server.url }, 'app', process.env.BENCH_APP_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof-app'] : []);
      try {
        platforms.useApp(app.url);
        const startMb = app.rssMb();
        log('4. interaction latency (Slack and Discord over HTTP to the app process)');
        results.latency = await latencyBench(platforms, app, PARAMS.latency);
        if (wanted(5)) {
          log(`5. memory: ${PARAMS.memory.answers.toLocaleString('en-US')} answers, ${PARAMS.memory.interactions.toLocaleString('en-US')} interactions, soak ${soakSeconds} s`);
          const done = 2 * (PARAMS.latency.requests + PARAMS.latency.warmup);
          results.memory = await memoryBench(platforms, app, { startMb, answers: PARAMS.memory.answers, interactions: PARAMS.memory.interactions, alreadyDone: done, soakSeconds });
        }
        results.appErrors = app.errorLines();
      } finally {
        await app.stop();
        await platforms.close();
      }
      await settle(db);
    }
    if (wanted(1)) {
      log('1. answer ingest on the server');
      results.ingest = await answerIngest(db, { ...PARAMS.ingest, rawInsert: postgresInsert(server.raw as never) });
      await settle(db);
    }
    if (wanted(3)) {
      log('3. scheduler: due slots of 100,000 groups');
      results.due = await dueSlotsBench(db, PARAMS.due);
      await settle(db);
      log('3. scheduler: fan-out through the Slack poster');
      results.fanOut = await fanOutBench(db, PARAMS.fanOut);
      await settle(db);
    }
    if (wanted(2)) {
      log('2. leaderboard on the server (seeding 1,000,000 answers)');
      results.leaderboard = await leaderboardBench(db, PARAMS.leaderboard);
      await settle(db);
    }
  } finally {
    await server.drop();
  }

  if (wanted(6)) {
    log('6. PGlite (in memory): answer ingest and leaderboard');
    const ingestDb = await openDatabase({ memory: true });
    try {
      const client = (ingestDb.db as unknown as { $client: PGlite }).$client;
      results.ingestPglite = await answerIngest(ingestDb.db, { ...PARAMS.ingestPglite, rawInsert: pgliteInsert(client) });
    } finally {
      await ingestDb.close();
    }
    const boardDb = await openDatabase({ memory: true });
    try {
      results.leaderboardPglite = await leaderboardBench(boardDb.db, PARAMS.leaderboard);
    } finally {
      await boardDb.close();
    }
  }

  const rows: Row[] = [...ingestRows(results), ...leaderboardRows(results), ...schedulerRows(results), ...latencyRows(results), ...memoryRows(results)];
  const seconds = (performance.now() - started) / 1000;
  console.log(`\n${textTable(rows)}\n\nTotal ${seconds.toFixed(0)} s.`);
  if (!only) {
    writeFileSync('BENCHMARKS.md', benchmarksMarkdown({ machine: machine(server.version), rows, results, params: PARAMS, soakSeconds, seconds }));
    log('wrote BENCHMARKS.md');
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
