import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/rows.js';
import { TARGETS } from '../support/databases.js';
import { useHarness } from '../support/harness.js';
import { storeKit } from './kit.js';

/**
 * Statements are prepared and pipelined on the postgres.js pool; a transaction must still get a
 * connection of its own (postgres.js's sql.begin() can lose it behind pipelined queries and leave a
 * transaction open in the pool: porsager/postgres#823).
 */
describe.each(TARGETS)('transactions among pipelined queries on %s', (target) => {
  const h = useHarness(target);
  const kit = storeKit(h);

  it('records every answer of a burst of transactions mixed with reads, and leaves no transaction open', async () => {
    const g = await kit.group();
    // On the server, enough at once to fill postgres.js's pipelines (100 queries a connection).
    const members = await Promise.all(Array.from({ length: target === 'postgres' ? 100 : 10 }, (_, i) => kit.member(`m${i}`)));
    const questions = h.content.questions.slice(0, 10).map((q) => q.id);
    const sessions = await Promise.all(members.map((m) => kit.session(m.id, g.id, questions)));
    const work = sessions.flatMap((s, i) =>
      questions.flatMap((qid) => [h.store.recordAnswer(kit.answer(s, qid)), h.store.getSession(s.id), h.store.ensureMember({ platform: 'console', workspaceId: 'T1', userId: `m${i}`, displayName: `m${i}` })]),
    );
    const results = await Promise.allSettled(work);
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    const [answers] = await rowsOf<{ n: number }>(h.db.db, sql`select count(*)::int as n from answers`);
    expect(answers?.n).toBe(sessions.length * questions.length);
    if (target === 'postgres') {
      const open = await rowsOf<{ n: number }>(h.db.db, sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`);
      expect(open[0]?.n).toBe(0);
    }
  });
});
