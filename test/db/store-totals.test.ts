import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Group, Member } from '../../src/core/ports.js';
import { periodBounds } from '../../src/core/time.js';
import { rowsOf } from '../../src/db/rows.js';
import { TARGETS } from '../support/databases.js';
import { useHarness } from '../support/harness.js';
import { storeKit } from './kit.js';
import { nextReviewCard } from '../../src/core/review/card.js';

type Period = { from: Date | null; to: Date | null };
const ALL: Period = { from: null, to: null };
const at = (iso: string) => new Date(iso);

/**
 * The leaderboards read per-period totals kept beside the score ledger (score_totals). Each test
 * checks them against the ledger itself: the same ranking as summing score_events.
 */
describe.each(TARGETS)('leaderboard totals on %s', (target) => {
  const h = useHarness(target);
  const kit = storeKit(h);
  let next = 0;

  /** A correct first answer to a new question, at `when`. */
  async function answer(m: Member, g: Group, when: Date, correct = true) {
    const qid = h.content.questions[next++ % h.content.questions.length]!.id;
    const s = await kit.session(m.id, g.id, [qid]);
    await h.store.recordAnswer(kit.answer(s, qid, { at: when, correct }));
  }

  /** The ranking straight from the ledger, as [memberId, points, reachedAt]. */
  async function fromLedger(g: Group, p: Period) {
    const rows = await rowsOf<{ member_id: number; points: number; reached_at: string | Date }>(
      h.db.db,
      sql`select e.member_id, sum(e.points)::int as points, max(e.at) as reached_at
        from score_events e join members m on m.id = e.member_id
        where e.group_id = ${g.id} and not m.hidden
          and e.at >= ${p.from?.toISOString() ?? '-infinity'}::timestamptz and e.at < ${p.to?.toISOString() ?? 'infinity'}::timestamptz
        group by e.member_id having sum(e.points) > 0 order by 2 desc, 3, 1`,
    );
    return rows.map((r) => [r.member_id, r.points, new Date(r.reached_at).toISOString()]);
  }

  async function board(g: Group, p: Period) {
    return (await h.store.leaderboard(g.id, p.from, p.to, 100)).map((r) => [r.memberId, r.points, r.reachedAt.toISOString()]);
  }

  const keptPeriods = async () => (await rowsOf<{ n: number }>(h.db.db, sql`select count(*)::int as n from score_periods`))[0]!.n;

  it('keeps all-time, week and month totals equal to the ledger across groups, answer kinds and period edges', async () => {
    const [g, other] = [await kit.group('C1'), await kit.group('C2')];
    const members = [await kit.member('ann'), await kit.member('ben'), await kit.member('cy')];
    const times = ['2026-11-29T23:59:00Z', '2026-11-30T00:00:00Z', '2026-11-30T08:00:00Z', '2026-12-01T10:00:00Z', '2026-11-02T09:00:00Z'];
    for (const [i, when] of times.entries()) {
      for (const [j, m] of members.entries()) await answer(m, (i + j) % 3 === 0 ? other : g, at(when), (i + j) % 4 !== 1);
    }
    await h.store.recordDrillAnswer({ memberId: members[1]!.id, groupId: g.id, day: '2026-12-01', questionId: h.content.questions[0]!.id, choice: 0, correct: true, answeredAt: at('2026-12-01T11:00:00Z'), localDay: '2026-12-01', firstCorrectPoints: 10, practicePoints: 2, bonusPoints: 5, nextCard: (c) => nextReviewCard(c, true, at('2026-12-01T11:00:00Z')) });
    await h.store.recordInterviewAnswer({ memberId: members[2]!.id, groupId: g.id, promptId: h.content.prompts[0]!.id, day: '2026-12-01', text: 'x'.repeat(40), covered: [0, 1], scorePct: 50, points: 10, answeredAt: at('2026-12-01T12:00:00Z') }, '2026-12-01');
    await h.store.setMemberHidden(members[0]!.id, true);

    const periods: Period[] = [ALL, ...['2026-11-29T12:00:00Z', '2026-11-30T12:00:00Z', '2026-11-02T12:00:00Z'].flatMap((d) => [periodBounds('week', at(d), 'UTC'), periodBounds('month', at(d), 'UTC')])];
    for (const group of [g, other]) {
      for (const p of periods) expect(await board(group, p)).toEqual(await fromLedger(group, p));
    }
    expect(await keptPeriods()).toBeGreaterThan(0);
    const own = await h.store.rankOf(g.id, members[2]!.id, null, null);
    const ledger = await fromLedger(g, ALL);
    expect(own).toEqual({ rank: ledger.findIndex((r) => r[0] === members[2]!.id) + 1, points: ledger.find((r) => r[0] === members[2]!.id)![1] });
  });

  it('rebuilds a period from the ledger when it is scored for the first time (points from before the totals existed)', async () => {
    const g = await kit.group();
    const [ann, ben] = [await kit.member('ann'), await kit.member('ben')];
    await answer(ann, g, at('2026-11-24T10:00:00Z'));
    await answer(ben, g, at('2026-11-25T10:00:00Z'));
    await answer(ann, g, at('2026-11-25T11:00:00Z'));
    // As after the migration that added the totals: the ledger has points, no period is kept.
    await h.db.db.execute(sql`delete from score_totals`);
    await h.db.db.execute(sql`delete from score_periods`);
    const week = periodBounds('week', at('2026-11-25T00:00:00Z'), 'UTC');
    expect(await board(g, week)).toEqual(await fromLedger(g, week));

    await answer(ben, g, at('2026-11-26T10:00:00Z'));
    expect(await keptPeriods()).toBe(3);
    expect(await board(g, week)).toEqual(await fromLedger(g, week));
    expect(await board(g, ALL)).toEqual(await fromLedger(g, ALL));
    expect((await board(g, ALL)).map((r) => r[0]).sort()).toEqual([ann.id, ben.id].sort());
  });

  it('rebuilds the week and month when the group changes time zone, so periods follow the zone of the moment', async () => {
    const g = await kit.group();
    const [ann, ben, cy] = [await kit.member('ann'), await kit.member('ben'), await kit.member('cy')];
    const setZone = (timezone: string, when: string) => h.store.setupGroup(g.id, { timezone, postTime: '09:00', days: ['mon'] }, at(when), []);
    // Sunday 29 November from 11:00 UTC is already Monday in Auckland: another week there.
    await answer(ann, g, at('2026-11-29T10:00:00Z'));
    await setZone('Pacific/Auckland', '2026-11-29T11:30:00Z');
    await answer(ben, g, at('2026-11-29T12:00:00Z'));
    const auckland = periodBounds('week', at('2026-11-29T12:00:00Z'), 'Pacific/Auckland');
    expect(auckland.from.toISOString()).toBe('2026-11-29T11:00:00.000Z');
    for (const p of [auckland, periodBounds('month', at('2026-11-29T12:00:00Z'), 'Pacific/Auckland'), ALL]) expect(await board(g, p)).toEqual(await fromLedger(g, p));

    // Back to UTC: the UTC week kept before must now also count Ben's answer from the Auckland days.
    await setZone('UTC', '2026-11-29T12:30:00Z');
    await answer(cy, g, at('2026-11-29T13:00:00Z'));
    const utc = periodBounds('week', at('2026-11-29T13:00:00Z'), 'UTC');
    expect(await board(g, utc)).toEqual(await fromLedger(g, utc));
    expect((await board(g, utc)).map((r) => r[0]).sort()).toEqual([ann.id, ben.id, cy.id].sort());
  });

  it('keeps totals exact when many members score at once', async () => {
    const g = await kit.group();
    const members = await Promise.all(Array.from({ length: 12 }, (_, i) => kit.member(`m${i}`)));
    await Promise.all(members.flatMap((m, i) => [0, 1, 2].map((k) => answer(m, g, at(`2026-11-25T10:0${k}:${String(i).padStart(2, '0')}Z`)))));
    for (const p of [ALL, periodBounds('week', at('2026-11-25T00:00:00Z'), 'UTC')]) expect(await board(g, p)).toEqual(await fromLedger(g, p));
  });
});
