import postgres from 'postgres';

/**
 * Gives this test run an id, so that its per-worker server databases cannot collide with another
 * run's on the same server, and drops them when the run ends.
 */
export default function setup(): (() => Promise<void>) | undefined {
  const runId = `r${process.pid}`;
  process.env.TEST_RUN_ID = runId;
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return undefined;
  return async () => {
    const base = new URL(url).pathname.slice(1) || 'test';
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const rows = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`${base}_${runId}_w%`}`;
      for (const { datname } of rows) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    } finally {
      await admin.end();
    }
  };
}
