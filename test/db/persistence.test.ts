import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { createPgStore } from '../../src/db/store.js';
import { actor } from '../support/harness.js';

const dir = mkdtempSync(join(tmpdir(), 'pglite-data-'));
const opened: Database[] = [];
afterAll(async () => {
  for (const db of opened.splice(0)) await db.close().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

async function open(): Promise<Database> {
  const db = await openDatabase({ dataDir: dir });
  opened.push(db);
  return db;
}

async function appliedMigrations(db: Database): Promise<number> {
  const result = await db.db.execute(sql.raw('select count(*)::int as n from drizzle.__drizzle_migrations'));
  return Number(((result as unknown as { rows: { n: number }[] }).rows[0]?.n) ?? 0);
}

describe('embedded database on disk (DATA_DIR)', () => {
  it('keeps what was recorded across a close and reopen, without re-running migrations', async () => {
    const first = await open();
    const store = createPgStore(first.db);
    const alice = await store.ensureMember(actor('Alice'));
    await store.setMemberTimezone(alice.id, 'Asia/Tokyo');
    const group = await store.ensureGroup('console', 'T1', 'C1');
    const at = new Date('2026-11-25T10:00:00Z');
    await store.addGoal(alice.id, '2026-W48', 'Finish stage 3', at, '2026-11-25', 5);
    await store.markLessonDone(alice.id, 'stage-1-foundations', at, '2026-11-25');
    const pick = await store.dailyPick(group.id, 'question', '2026-11-25', ['q1', 'q2', 'q3'], (c) => c[1]!);
    const migrations = await appliedMigrations(first);
    expect(migrations).toBeGreaterThan(0);
    await first.close();
    opened.splice(opened.indexOf(first), 1);

    const second = await open();
    const again = createPgStore(second.db);
    expect(await appliedMigrations(second)).toBe(migrations);
    const member = await again.ensureMember(actor('Alice'));
    expect(member).toMatchObject({ id: alice.id, timezone: 'Asia/Tokyo' });
    expect((await again.ensureGroup('console', 'T1', 'C1')).id).toBe(group.id);
    expect((await again.listGoals(alice.id, '2026-W48')).map((g) => g.text)).toEqual(['Finish stage 3']);
    expect(await again.lessonsDone(alice.id)).toEqual(['stage-1-foundations']);
    expect(await again.dailyPick(group.id, 'question', '2026-11-25', ['q1', 'q2', 'q3'], (c) => c[0]!)).toBe(pick);
    // New rows continue after the old ones rather than colliding with them.
    const bob = await again.ensureMember(actor('Bob'));
    expect(bob.id).toBeGreaterThan(alice.id);
  });
});
