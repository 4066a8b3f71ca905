import type { SQL } from 'drizzle-orm';
import type { Db } from './client.js';

/** The rows of a raw SQL statement on either driver (postgres.js returns an array, PGlite `{ rows }`). */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
