import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** A drizzle database over either driver; stores are written once against this type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Resolves when the database answers a trivial query (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

/** An arbitrary, fixed key for pg_advisory_lock held while migrating. */
export const MIGRATION_LOCK_KEY = 7_252_011_001;

export type DatabaseTarget = { url: string } | { dataDir: string } | { memory: true };

/**
 * drizzle asks postgres.js not to prepare its statements, and postgres.js then sends each query
 * with parameters in two round trips (Parse/Describe, then Bind/Execute) and cannot pipeline it.
 * Prepared, a statement is parsed once per connection and later runs take one round trip.
 */
function preparing<T extends postgres.Sql | postgres.ReservedSql>(client: T): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'unsafe') {
        return (query: string, params?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) => target.unsafe(query, params, { ...options, prepare: true });
      }
      if (prop === 'begin') return (...args: unknown[]) => transaction(target, args.pop() as (tx: unknown) => Promise<unknown>, args[0]);
      if (prop === 'savepoint') return (run: (tx: unknown) => Promise<unknown>) => savepoint(receiver as postgres.Sql, run);
      return Reflect.get(target, prop, receiver);
    },
  });
}

/**
 * A transaction on a connection reserved first, instead of postgres.js's sql.begin(): with prepared
 * (pipelined) statements, sql.begin() can put BEGIN behind another query on a busy connection and
 * lose its reservation (porsager/postgres#823, #1189), leaving a transaction open in the pool.
 * reserve() only hands out an idle connection and keeps it until released.
 */
async function transaction(client: postgres.Sql | postgres.ReservedSql, run: (tx: unknown) => Promise<unknown>, options: unknown): Promise<unknown> {
  const connection = await (client as postgres.Sql).reserve();
  try {
    await connection.unsafe(`begin ${typeof options === 'string' ? options.replace(/[^a-z ]/gi, '') : ''}`);
    try {
      const result = await run(preparing(connection));
      await connection.unsafe('commit');
      return result;
    } catch (err) {
      await connection.unsafe('rollback').catch(() => undefined);
      throw err;
    }
  } finally {
    connection.release();
  }
}

let savepoints = 0;
/** A nested transaction (drizzle's tx.transaction) inside one of the above. */
async function savepoint(connection: postgres.Sql, run: (tx: unknown) => Promise<unknown>): Promise<unknown> {
  const name = `s${++savepoints}`;
  await connection.unsafe(`savepoint ${name}`);
  try {
    const result = await run(connection);
    await connection.unsafe(`release savepoint ${name}`);
    return result;
  } catch (err) {
    await connection.unsafe(`rollback to savepoint ${name}`);
    throw err;
  }
}

/** Opens the database and applies pending migrations. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if ('url' in target) {
    const client = postgres(target.url, { max: 10, onnotice: () => {} });
    const db = drizzlePostgres(preparing(client), { schema });
    try {
      // Replicas starting together take turns: the first migrates, the others find nothing to do.
      const lock = await client.reserve();
      try {
        await lock`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migratePostgres(db, { migrationsFolder: MIGRATIONS_DIR });
      } finally {
        await lock`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.catch(() => undefined);
        lock.release();
      }
    } catch (err) {
      await client.end({ timeout: 1 });
      throw err;
    }
    return { db: db as unknown as Db, kind: 'postgres', ping: async () => void (await client`select 1`), close: () => client.end({ timeout: 5 }) };
  }
  let client: PGlite;
  if ('dataDir' in target) {
    mkdirSync(target.dataDir, { recursive: true });
    client = new PGlite(join(resolve(target.dataDir), 'pglite'));
  } else {
    client = new PGlite();
  }
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder: MIGRATIONS_DIR });
  return { db: db as unknown as Db, kind: 'pglite', ping: async () => void (await client.query('select 1')), close: () => client.close() };
}
