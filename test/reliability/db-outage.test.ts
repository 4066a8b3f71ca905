import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questionById } from '../../src/core/content/index.js';
import { createCore } from '../../src/core/core.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { createPgStore } from '../../src/db/store.js';
import { createHttpServer, type HttpServer } from '../../src/http/server.js';
import { rowCounts } from '../support/databases.js';
import { actor, buttons, errorCode, FakeClock, realContent, seeded } from '../support/harness.js';
import { TcpProxy } from '../support/tcp-proxy.js';

const serverUrl = process.env.TEST_DATABASE_URL;

describe.runIf(serverUrl)('a database outage between the bot and Postgres', () => {
  const base = new URL(serverUrl ?? 'postgres://x/test');
  const name = `${base.pathname.slice(1) || 'test'}_${process.env.TEST_RUN_ID ?? 'r0'}_outage`;
  const proxy = new TcpProxy(base.hostname, Number(base.port || 5432));
  const errors: unknown[] = [];
  let database: Database;
  let http: HttpServer;
  let httpPort: number;
  let admin: postgres.Sql;

  beforeAll(async () => {
    admin = postgres(base.toString(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
    const port = await proxy.start();
    const viaProxy = new URL(base);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(port);
    viaProxy.pathname = `/${name}`;
    database = await openDatabase({ url: viaProxy.toString() });
    http = createHttpServer({ info() {}, warn() {}, error: (o) => errors.push(o) });
    http.addReadinessCheck('database', async () => void (await database.ping()));
    httpPort = await http.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await http?.close();
    await database?.close();
    await proxy.stop();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  });

  const readyz = async () => (await fetch(`http://127.0.0.1:${httpPort}/readyz`)).status;

  it('answers "try again in a moment", turns /readyz to 503, and loses nothing that was acknowledged', async () => {
    const content = realContent();
    const logged: unknown[] = [];
    const core = createCore({
      store: createPgStore(database.db),
      content,
      clock: new FakeClock(),
      random: seeded(7),
      logger: { info() {}, warn: (o) => logged.push(o), error: (o) => errors.push(o) },
      limits: { commandsPerMinute: 1000, clicksPerMinute: 1000 },
    });
    const cmd = (text: string) => core.handle({ kind: 'command', actor: actor('alice'), channelId: 'C1', text });
    const click = (actionId: string) => core.handle({ kind: 'action', actor: actor('alice'), channelId: 'C1', actionId });
    const rightButton = async (replies: Awaited<ReturnType<typeof cmd>>) => {
      const bs = buttons(replies);
      const [, sessionId, index] = bs[0]!.actionId.split(':');
      const [session] = await database.db.query.quizSessions.findMany();
      const q = questionById(content, session!.questionIds[Number(index)]!)!;
      expect(sessionId).toBe(session!.id);
      return bs[q.answer]!.actionId;
    };

    expect(await readyz()).toBe(200);
    const first = await cmd('/quiz 2');
    const second = await click(await rightButton(first));
    expect(errorCode(second)).toBeUndefined();
    const pending = await rightButton(second);

    await proxy.cut();
    const during = await click(pending);
    expect(errorCode(during)).toBe('TEMPORARILY_UNAVAILABLE');
    expect(errorCode(await cmd('/leaderboard'))).toBe('TEMPORARILY_UNAVAILABLE');
    expect(await readyz()).toBe(503);
    expect(errors).toEqual([]);
    expect(logged.length).toBeGreaterThan(0);

    await proxy.restore();
    expect(await readyz()).toBe(200);
    const after = await click(pending);
    expect(errorCode(after)).toBeUndefined();
    expect(await click(pending)).toEqual(after);
    const counts = await rowCounts(database);
    expect(counts.answers).toBe(2);
    expect(counts.score_events).toBe(2);
    expect(counts.review_cards).toBe(2);
  });
});
