import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, type Database, type Db } from '../../src/db/client.js';
import { rowsOf } from '../../src/db/rows.js';

export { rowsOf };

export const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ScratchServer {
  /** The scratch database's URL. */
  url: string;
  /** The app's database (postgres.js pool of 10, migrated), as main.ts opens it. */
  database: Database;
  /** A raw postgres.js client on the scratch database, for references and seeding. */
  raw: postgres.Sql;
  version: string;
  drop(): Promise<void>;
}

/** Creates `bench_<pid>` next to the database in `baseUrl`, migrates it, and drops it on `drop()`. */
export async function createScratchServer(baseUrl: string): Promise<ScratchServer> {
  const name = `bench_${process.pid}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  const [{ server_version: version } = { server_version: '?' }] = await admin<{ server_version: string }[]>`show server_version`;
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  const raw = postgres(url.toString(), { max: 10, onnotice: () => {} });
  return {
    url: url.toString(),
    database,
    raw,
    version,
    async drop() {
      await Promise.allSettled([database.close(), raw.end({ timeout: 5 })]);
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/** Empties every table of the app's schema, so each benchmark starts from nothing. */
export async function truncateAll(db: Db): Promise<void> {
  const tables = await rowsOf<{ name: string }>(db, sql`select tablename as name from pg_tables where schemaname = 'public'`);
  if (tables.length > 0) await db.execute(sql.raw(`truncate ${tables.map((t) => `"${t.name}"`).join(', ')} restart identity cascade`));
}
