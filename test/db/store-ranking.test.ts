import { describe, expect, it } from 'vitest';
import type { Group, Member } from '../../src/core/ports.js';
import { POINTS } from '../../src/core/scoring.js';
import { TARGETS } from '../support/databases.js';
import { useHarness } from '../support/harness.js';
import { questionIds, storeKit } from './kit.js';

const at = (hhmm: string, day = '2026-11-25') => new Date(`${day}T${hhmm}:00Z`);

describe.each(TARGETS)('store leaderboard on %s', (target) => {
  const h = useHarness(target);
  const kit = storeKit(h);
  let easy: string[] = [];

  /** Correct first answers to distinct easy questions (each worth POINTS.firstCorrect.easy) at the given times. */
  async function earn(m: Member, g: Group, times: Date[]) {
    for (const when of times) {
      const qid = easy.shift()!;
      const s = await kit.session(m.id, g.id, [qid]);
      await h.store.recordAnswer(kit.answer(s, qid, { at: when }));
    }
  }

  async function scenario() {
    easy = questionIds(h.content, 'easy', 20);
    const g = await kit.group();
    const [alice, bob, carol, dave] = [await kit.member('alice'), await kit.member('bob'), await kit.member('carol'), await kit.member('dave')];
    await earn(alice, g, [at('10:00'), at('10:05')]);
    await earn(bob, g, [at('09:00'), at('10:03')]);
    await earn(dave, g, [at('08:00'), at('08:01'), at('08:02')]);
    await earn(carol, g, [at('07:00'), at('07:01'), at('07:02'), at('07:03')]);
    await h.store.setMemberHidden(carol.id, true);
    return { g, alice, bob, carol, dave };
  }

  it('ranks by points, breaks a tie by who reached the total first, and leaves hidden members out', async () => {
    const { g, alice, bob, dave } = await scenario();
    const board = await h.store.leaderboard(g.id, null, null, 10);
    expect(board.map((r) => r.displayName)).toEqual(['dave', 'bob', 'alice']);
    expect(board.map((r) => r.points)).toEqual([3, 2, 2].map((n) => n * POINTS.firstCorrect.easy));
    expect(board.map((r) => r.memberId)).toEqual([dave.id, bob.id, alice.id]);
    expect(board.map((r) => r.reachedAt.toISOString())).toEqual([at('08:02'), at('10:03'), at('10:05')].map((d) => d.toISOString()));
    expect((await h.store.leaderboard(g.id, null, null, 2)).map((r) => r.displayName)).toEqual(['dave', 'bob']);
  });

  it('shows a hidden member again once they make themselves visible', async () => {
    const { g, carol } = await scenario();
    await h.store.setMemberHidden(carol.id, false);
    expect((await h.store.leaderboard(g.id, null, null, 10))[0]?.memberId).toBe(carol.id);
  });

  it('gives rankOf the same order as the leaderboard, and no rank to hidden or pointless members', async () => {
    const { g, alice, bob, carol, dave } = await scenario();
    const eve = await kit.member('eve');
    expect(await h.store.rankOf(g.id, dave.id, null, null)).toEqual({ rank: 1, points: 3 * POINTS.firstCorrect.easy });
    expect(await h.store.rankOf(g.id, bob.id, null, null)).toEqual({ rank: 2, points: 2 * POINTS.firstCorrect.easy });
    expect(await h.store.rankOf(g.id, alice.id, null, null)).toEqual({ rank: 3, points: 2 * POINTS.firstCorrect.easy });
    expect(await h.store.rankOf(g.id, carol.id, null, null)).toBeUndefined();
    expect(await h.store.rankOf(g.id, eve.id, null, null)).toBeUndefined();
  });

  it('breaks a tie at the very same moment by member id, in the board and in rankOf alike', async () => {
    easy = questionIds(h.content, 'easy', 4);
    const g = await kit.group();
    const first = await kit.member('zed');
    const second = await kit.member('amy');
    await earn(second, g, [at('10:00')]);
    await earn(first, g, [at('10:00')]);
    const board = await h.store.leaderboard(g.id, null, null, 10);
    expect(board.map((r) => r.memberId)).toEqual([first.id, second.id]);
    expect((await h.store.rankOf(g.id, first.id, null, null))?.rank).toBe(1);
    expect((await h.store.rankOf(g.id, second.id, null, null))?.rank).toBe(2);
  });

  it('counts only points inside the period, and only in this group', async () => {
    easy = questionIds(h.content, 'easy', 10);
    const g = await kit.group();
    const other = await kit.group('C2');
    const [alice, bob] = [await kit.member('alice'), await kit.member('bob')];
    // Alice earned more overall, but mostly last week; in this week Bob leads.
    await earn(alice, g, [at('10:00', '2026-11-20'), at('11:00', '2026-11-20'), at('12:00', '2026-11-20'), at('10:00', '2026-11-24')]);
    await earn(bob, g, [at('09:00', '2026-11-23'), at('09:00', '2026-11-25')]);
    await earn(bob, other, [at('08:00', '2026-11-25')]);
    const [from, to] = [new Date('2026-11-23T00:00:00Z'), new Date('2026-11-30T00:00:00Z')];
    const week = await h.store.leaderboard(g.id, from, to, 10);
    expect(week.map((r) => [r.displayName, r.points])).toEqual([
      ['bob', 2 * POINTS.firstCorrect.easy],
      ['alice', POINTS.firstCorrect.easy],
    ]);
    expect(week[1]!.reachedAt.toISOString()).toBe(at('10:00', '2026-11-24').toISOString());
    expect((await h.store.leaderboard(g.id, null, null, 10)).map((r) => r.displayName)).toEqual(['alice', 'bob']);
    expect(await h.store.rankOf(g.id, alice.id, from, to)).toEqual({ rank: 2, points: POINTS.firstCorrect.easy });
    expect(await h.store.rankOf(g.id, alice.id, null, to)).toEqual({ rank: 1, points: 4 * POINTS.firstCorrect.easy });
    expect((await h.store.leaderboard(other.id, null, null, 10)).map((r) => r.memberId)).toEqual([bob.id]);
    expect(await h.store.rankOf(other.id, alice.id, null, null)).toBeUndefined();
    expect(await h.store.countMembers(g.id)).toBe(2);
    expect(await h.store.countMembers(other.id)).toBe(1);
  });
});
