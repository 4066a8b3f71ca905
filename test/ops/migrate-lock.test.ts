import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../src/db/client.js';

const serverUrl = process.env.TEST_DATABASE_URL;

function migrate(url: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/db-migrate.ts'], { env: { PATH: process.env.PATH, DATABASE_URL: url } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe.runIf(serverUrl)('migrations on a Postgres server', () => {
  it('two processes starting on one empty database both come up with one migrated schema', async () => {
    const base = new URL(serverUrl!);
    const name = `${base.pathname.slice(1) || 'test'}_${process.env.TEST_RUN_ID ?? 'r0'}_migrate`;
    const admin = postgres(base.toString(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    try {
      const [a, b] = await Promise.all([migrate(url.toString()), migrate(url.toString())]);
      expect(a, a.out).toMatchObject({ code: 0 });
      expect(b, b.out).toMatchObject({ code: 0 });
      const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
      const db = postgres(url.toString(), { max: 1 });
      const [row] = await db<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`;
      const [tables] = await db<{ n: number }[]>`select count(*)::int as n from information_schema.tables where table_schema = 'public'`;
      await db.end();
      expect(row!.n).toBe(journal.entries.length);
      expect(tables!.n).toBeGreaterThan(10);
    } finally {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  });
});
