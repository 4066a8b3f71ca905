import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, type Database } from '../../src/db/client.js';

export type Target = 'pglite' | 'postgres';

/** PGlite always; a real server too when TEST_DATABASE_URL is set (CI sets it). */
export const TARGETS: Target[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

const TABLES = [
  'activity_days',
  'answers',
  'daily_picks',
  'drill_answers',
  'exam_attempts',
  'interview_answers',
  'lesson_progress',
  'review_cards',
  'score_events',
  'weekly_goals',
  'scheduled_deliveries',
  'quiz_sessions',
  'members',
  'study_groups',
  'workspaces',
] as const;
export const PERSONAL_TABLES = TABLES.filter((t) => !['daily_picks', 'scheduled_deliveries', 'study_groups', 'workspaces'].includes(t));

const opened = new Map<Target, Promise<Database>>();

/** A fresh database per run and worker on the server, so parallel test files (and runs) never share rows. */
async function serverDatabase(): Promise<Database> {
  const base = new URL(process.env.TEST_DATABASE_URL!);
  const name = `${base.pathname.slice(1) || 'test'}_${process.env.TEST_RUN_ID ?? 'r0'}_w${process.env.VITEST_POOL_ID ?? '0'}`;
  const admin = postgres(base.toString(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return openDatabase({ url: url.toString() });
}

/** One database per target per worker, migrated once; call resetDatabase between tests. */
export function testDatabase(target: Target): Promise<Database> {
  let db = opened.get(target);
  if (!db) {
    db = target === 'pglite' ? openDatabase({ memory: true }) : serverDatabase();
    opened.set(target, db);
  }
  return db;
}

export async function resetDatabase(database: Database): Promise<void> {
  await database.db.execute(sql.raw(`truncate ${TABLES.join(', ')} restart identity cascade`));
}

/** Row counts of every table, to prove what a command wrote (or did not). */
export async function rowCounts(database: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of TABLES) {
    const result = await database.db.execute(sql.raw(`select count(*)::int as n from ${t}`));
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[];
    counts[t] = Number(rows[0]?.n ?? 0);
  }
  return counts;
}
