import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Group, PostKind } from '../../src/core/ports.js';
import type { MessageReply } from '../../src/core/types.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { groupSchedules, studyGroups, workspaces } from '../../src/db/schema.js';
import { createPgStore } from '../../src/db/store.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { resetDatabase, TARGETS, testDatabase, type Target } from '../support/databases.js';
import { FakeClock, realContent, seeded } from '../support/harness.js';
import { RecordingPoster, recordingLogger } from './kit.js';

/** 1,000 on a server; fewer on PGlite, whose one connection serialises the replicas anyway. */
const slotsOn = (target: Target) => (target === 'postgres' ? 1000 : 300);
const REPLICAS = 3;
const SLOT = new Date('2026-11-24T09:00:00Z');

/** The name of the database a connection is on, to open more connections (replicas) to it. */
async function urlOf(database: Database): Promise<string> {
  const result = await database.db.execute(sql`select current_database() as name`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { name: string }[];
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${rows[0]!.name}`;
  return url.toString();
}

/** A cheap post: what is under test is who gets to post each slot, not the post's content. */
const compose = async (group: Group, kind: PostKind): Promise<MessageReply> => ({ type: 'message', visibility: 'channel', blocks: [{ type: 'text', text: `${kind} for ${group.channelId}` }] });

describe.each(TARGETS)('three replicas ticking the same slots on %s', (target: Target) => {
  let main: Database;
  /** One database connection (pool) per replica: the main one, plus more on a server. */
  let replicas: Database[] = [];

  beforeAll(async () => {
    main = await testDatabase(target);
    replicas = [main];
    if (target === 'postgres') {
      const url = await urlOf(main);
      for (let i = 1; i < REPLICAS; i++) replicas.push(await openDatabase({ url }));
    }
  });
  afterAll(async () => {
    for (const r of replicas.slice(1)) await r.close();
  });

  it('posts every slot exactly once', async () => {
    const slots = slotsOn(target);
    await resetDatabase(main);
    const [ws] = await main.db.insert(workspaces).values({ platform: 'console', externalId: 'T1' }).returning();
    const groups = await main.db
      .insert(studyGroups)
      .values(Array.from({ length: slots }, (_, i) => ({ workspaceId: ws!.id, channelId: `C${i}`, timezone: 'UTC', postTime: '09:00', setupAt: SLOT })))
      .returning({ id: studyGroups.id });
    await main.db.insert(groupSchedules).values(groups.map((g) => ({ groupId: g.id, kind: 'drill', nextRunAt: SLOT })));

    const clock = new FakeClock(SLOT);
    const posters = Array.from({ length: REPLICAS }, () => new RecordingPoster(clock.now));
    const loggers = posters.map(() => recordingLogger());
    const schedulers = posters.map((poster, i) =>
      createScheduler({
        store: createPgStore((replicas[i] ?? main).db),
        content: realContent(),
        clock,
        random: seeded(i),
        logger: loggers[i]!,
        posters: { console: poster },
        compose,
        options: { batchSize: 100 },
      }),
    );

    const reports = await Promise.all(schedulers.map((s) => s.tick(SLOT)));

    const keys = posters.flatMap((p) => p.posts.map((x) => x.key));
    expect(keys).toHaveLength(slots);
    expect(new Set(keys).size).toBe(slots);
    expect(new Set(posters.flatMap((p) => p.posts.map((x) => x.channel.channelId))).size).toBe(slots);
    expect(reports.reduce((sum, r) => sum + r.posted, 0)).toBe(slots);
    expect(loggers.flatMap((l) => l.lines.filter((x) => x.level !== 'info'))).toEqual([]);

    const counted = await main.db.execute(
      sql`select count(*)::int as n, count(completed_at)::int as completed, max(attempts)::int as attempts from scheduled_deliveries`,
    );
    const [row] = (Array.isArray(counted) ? counted : (counted as { rows: unknown[] }).rows) as { n: number; completed: number; attempts: number }[];
    expect(row).toEqual({ n: slots, completed: slots, attempts: 1 });
    const next = await main.db.selectDistinct({ at: groupSchedules.nextRunAt }).from(groupSchedules);
    expect(next.map((n) => n.at.toISOString())).toEqual(['2026-11-25T09:00:00.000Z']);

    // Ticking again, on any replica, posts nothing more.
    const again = await Promise.all(schedulers.map((s) => s.tick(new Date(SLOT.getTime() + 60_000))));
    expect(again.reduce((sum, r) => sum + r.posted, 0)).toBe(0);
    console.info(`${target}: posts per replica ${posters.map((p) => p.posts.length).join(' / ')}, busy per replica ${reports.map((r) => r.busy).join(' / ')}`);
  });
});
