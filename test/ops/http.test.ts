import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/core/core.js';
import { createPgStore } from '../../src/db/store.js';
import { mountMetrics } from '../../src/http/metrics-route.js';
import { createHttpServer, type HttpServer } from '../../src/http/server.js';
import { instrumentCore, instrumentStore } from '../../src/instrument.js';
import { createMetrics } from '../../src/metrics.js';
import { questionById } from '../../src/core/content/index.js';
import { actor, buttons, seeded, useHarness } from '../support/harness.js';

const quiet = { info() {}, warn() {}, error() {} };

describe('probes and metrics over HTTP', () => {
  const h = useHarness('pglite');
  let http: HttpServer | undefined;
  afterEach(async () => {
    await http?.close();
    http = undefined;
  });

  async function serve(ready: () => Promise<string | undefined>) {
    const metrics = createMetrics();
    http = createHttpServer(quiet);
    mountMetrics(http, metrics.registry);
    http.addReadinessCheck('database', ready);
    const port = await http.listen(0, '127.0.0.1');
    return { metrics, get: (path: string) => fetch(`http://127.0.0.1:${port}${path}`) };
  }

  it('answers /healthz, and /readyz with the failing check named', async () => {
    let down: string | undefined = 'connection refused';
    const { get } = await serve(async () => down);
    expect((await get('/healthz')).status).toBe(200);
    const notReady = await get('/readyz');
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ status: 'not ready', failures: { database: 'connection refused' } });
    down = undefined;
    expect((await get('/readyz')).status).toBe(200);
    expect((await get('/nope')).status).toBe(404);
    expect((await fetch(`${(await get('/healthz')).url}`, { method: 'POST' })).status).toBe(405);
  });

  it('exports command latency by command and platform, answers recorded, and process metrics', async () => {
    const { metrics, get } = await serve(async () => undefined);
    const store = instrumentStore(createPgStore(h.db.db), metrics);
    const core = instrumentCore(
      createCore({ store, content: h.content, clock: h.clock, random: seeded(1), logger: quiet, limits: { commandsPerMinute: 100, clicksPerMinute: 100 } }),
      metrics,
      quiet,
    );
    const quiz = await core.handle({ kind: 'command', actor: actor('ada'), channelId: 'C1', text: '/quiz 1' });
    const [, , index] = buttons(quiz)[0]!.actionId.split(':');
    const [session] = await h.db.db.query.quizSessions.findMany();
    const q = questionById(h.content, session!.questionIds[Number(index)]!)!;
    const answer = buttons(quiz)[q.answer]!.actionId;
    await core.handle({ kind: 'action', actor: actor('ada'), channelId: 'C1', actionId: answer });
    await core.handle({ kind: 'action', actor: actor('ada'), channelId: 'C1', actionId: answer });
    await core.handle({ kind: 'command', actor: actor('ada'), channelId: 'C1', text: '/quiz 99' });
    const text = await (await get('/metrics')).text();
    expect(text).toContain('studybot_command_duration_seconds_count{command="quiz",platform="console",outcome="ok"} 1');
    expect(text).toContain('studybot_command_duration_seconds_count{command="quiz",platform="console",outcome="user_error"} 1');
    expect(text).toContain('studybot_command_duration_seconds_count{command="action:ans",platform="console",outcome="ok"} 2');
    expect(text).toContain('studybot_answers_recorded_total{kind="quiz"} 1');
    expect(text).toMatch(/process_resident_memory_bytes \d+/);
    expect(core.inFlight()).toBe(0);
  });
});
