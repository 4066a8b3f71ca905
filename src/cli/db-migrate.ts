import { parseConfig } from '../config.js';
import { openDatabase } from '../db/client.js';

/** Applies pending migrations to DATABASE_URL, or to the embedded database in DATA_DIR. */
const parsed = parseConfig(process.env);
if (!parsed.ok) {
  for (const line of parsed.errors) console.error(`config error: ${line}`);
  process.exit(2);
}
const { DATABASE_URL, DATA_DIR } = parsed.config;
const database = await openDatabase(DATABASE_URL ? { url: DATABASE_URL } : { dataDir: DATA_DIR });
await database.close();
console.log(`migrations applied (${database.kind}${DATABASE_URL ? '' : ` in ${DATA_DIR}`})`);
