import { describe, expect, it } from 'vitest';
import type { ReviewCard } from '../../src/core/ports.js';
import { POINTS } from '../../src/core/scoring.js';
import { rowCounts, TARGETS } from '../support/databases.js';
import { actor, useHarness } from '../support/harness.js';
import { questionIds, storeKit } from './kit.js';

const times = <T>(n: number, f: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => f(i)));

describe.each(TARGETS)('store on %s', (target) => {
  const h = useHarness(target);
  const kit = storeKit(h);

  describe('members and groups', () => {
    it('ensureMember returns the same member for the same identity and keeps the latest display name', async () => {
      const first = await h.store.ensureMember(actor('Alice'));
      const again = await h.store.ensureMember({ ...actor('Alice'), displayName: 'Alice B.' });
      expect(again.id).toBe(first.id);
      expect(again.displayName).toBe('Alice B.');
      expect(again).toMatchObject({ platform: 'console', workspaceId: 'T1', userId: 'alice', timezone: null, hidden: false });
      const elsewhere = await h.store.ensureMember(actor('Alice', 'T2'));
      expect(elsewhere.id).not.toBe(first.id);
      expect((await rowCounts(h.db)).members).toBe(2);
    });

    it('creates one member and one workspace when 10 calls race', async () => {
      const all = await times(10, () => h.store.ensureMember(actor('Alice')));
      expect(new Set(all.map((m) => m.id)).size).toBe(1);
      const counts = await rowCounts(h.db);
      expect([counts.members, counts.workspaces]).toEqual([1, 1]);
    });

    it('ensureGroup is idempotent, also when 10 calls race, with the default schedule', async () => {
      const all = await times(10, () => h.store.ensureGroup('console', 'T1', 'C1'));
      expect(new Set(all.map((g) => g.id)).size).toBe(1);
      expect(all[0]).toMatchObject({ channelId: 'C1', workspaceId: 'T1', timezone: 'UTC', postTime: '09:00', paused: false });
      expect(all[0]!.days).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
      expect((await h.store.ensureGroup('console', 'T1', 'C1')).id).toBe(all[0]!.id);
      expect((await h.store.ensureGroup('console', 'T1', 'C2')).id).not.toBe(all[0]!.id);
      expect((await rowCounts(h.db)).study_groups).toBe(2);
    });

    it('stores a member’s time zone and privacy choice', async () => {
      const m = await kit.member('alice');
      await h.store.setMemberTimezone(m.id, 'Europe/Berlin');
      await h.store.setMemberHidden(m.id, true);
      expect(await kit.member('alice')).toMatchObject({ id: m.id, timezone: 'Europe/Berlin', hidden: true });
    });
  });

  describe('recordAnswer', () => {
    it('records 10 identical concurrent calls once: one answer, one score event, recorded once', async () => {
      const [m, g] = [await kit.member('alice'), await kit.group()];
      const [qid] = questionIds(h.content, 'medium');
      const s = await kit.session(m.id, g.id, [qid!]);
      const results = await times(10, () => h.store.recordAnswer(kit.answer(s, qid!)));
      expect(results.filter((r) => r.recorded)).toHaveLength(1);
      for (const r of results) expect(r.answer).toMatchObject({ questionId: qid, correct: true, points: POINTS.firstCorrect.medium });
      const counts = await rowCounts(h.db);
      expect([counts.answers, counts.score_events, counts.review_cards, counts.activity_days]).toEqual([1, 1, 1, 1]);
      expect(await h.store.totalPoints(m.id)).toBe(POINTS.firstCorrect.medium);
    });

    it('gives first-correct points once per question, practice points after, nothing for a wrong answer', async () => {
      const [m, g] = [await kit.member('alice'), await kit.group()];
      const [hard] = questionIds(h.content, 'hard');
      const answerIn = async (correct: boolean) => {
        const s = await kit.session(m.id, g.id, [hard!]);
        return (await h.store.recordAnswer(kit.answer(s, hard!, { correct }))).answer.points;
      };
      expect(await answerIn(false)).toBe(POINTS.wrong);
      expect(await answerIn(true)).toBe(POINTS.firstCorrect.hard);
      expect(await answerIn(true)).toBe(POINTS.practiceCorrect);
      expect(await answerIn(false)).toBe(POINTS.wrong);
      expect(await h.store.totalPoints(m.id)).toBe(POINTS.firstCorrect.hard + POINTS.practiceCorrect);
      // First-correct points are per member: another member still earns them for the same question.
      const bob = await kit.member('bob');
      const s = await kit.session(bob.id, g.id, [hard!]);
      expect((await h.store.recordAnswer(kit.answer(s, hard!))).answer.points).toBe(POINTS.firstCorrect.hard);
      expect((await h.store.listAnswers(s.id)).map((a) => a.points)).toEqual([POINTS.firstCorrect.hard]);
    });

    it('upserts one review card per member and question, handing the current card to nextCard', async () => {
      const [m, g] = [await kit.member('alice'), await kit.group()];
      const [qid] = questionIds(h.content, 'easy');
      const seen: (ReviewCard | undefined)[] = [];
      const card = (reps: number, due: Date): ReviewCard => ({
        due, stability: 1.5, difficulty: 5, elapsed_days: 0, scheduled_days: 1, learning_steps: 0, reps, lapses: 0, state: 2,
      });
      const first = new Date('2026-11-26T10:00:00Z');
      const second = new Date('2026-12-01T10:00:00Z');
      for (const due of [first, second]) {
        const s = await kit.session(m.id, g.id, [qid!]);
        await h.store.recordAnswer(kit.answer(s, qid!, { nextCard: (current) => (seen.push(current), card((current?.reps ?? 0) + 1, due)) }));
      }
      expect(seen[0]).toBeUndefined();
      expect(seen[1]).toMatchObject({ reps: 1, stability: 1.5, state: 2 });
      expect(seen[1]!.due.toISOString()).toBe(first.toISOString());
      expect((await rowCounts(h.db)).review_cards).toBe(1);
      expect(await h.store.seenQuestions(m.id)).toEqual([qid]);
      expect((await h.store.nextDue(m.id))?.toISOString()).toBe(second.toISOString());
      expect(await h.store.dueCards(m.id, new Date('2026-11-30T00:00:00Z'), 10)).toEqual([]);
      expect(await h.store.dueCards(m.id, second, 10)).toEqual([{ questionId: qid, due: second }]);
    });
  });

  describe('recordAnswer, many at once (written together in batches)', () => {
    it('records 60 members answering at once exactly as one by one: points, ledger, cards, activity', async () => {
      const g = await kit.group();
      const [[easy], [hard]] = [questionIds(h.content, 'easy'), questionIds(h.content, 'hard')];
      const members = await Promise.all(Array.from({ length: 60 }, (_, i) => kit.member(`m${i}`)));
      const sessions = await Promise.all(members.map((m) => kit.session(m.id, g.id, [easy!, hard!])));
      // Every member answers both questions at the same moment; a third answer the first one twice.
      const results = await Promise.all(
        sessions.flatMap((s, i) => [
          h.store.recordAnswer(kit.answer(s, easy!, { correct: i % 2 === 0 })),
          h.store.recordAnswer(kit.answer(s, hard!)),
          ...(i % 3 === 0 ? [h.store.recordAnswer(kit.answer(s, easy!, { correct: i % 2 === 0 }))] : []),
        ]),
      );
      expect(results.filter((r) => r.recorded)).toHaveLength(120);
      const counts = await rowCounts(h.db);
      expect([counts.answers, counts.review_cards, counts.activity_days]).toEqual([120, 120, 60]);
      // Even members answered both right, odd ones only the hard question; repeats changed nothing.
      const expected = (i: number) => (i % 2 === 0 ? POINTS.firstCorrect.easy : 0) + POINTS.firstCorrect.hard;
      for (const [i, m] of members.entries()) expect(await h.store.totalPoints(m.id), `member ${i}`).toBe(expected(i));
      expect(counts.score_events).toBe(90);
    });

    it('two sessions of one member answering the same question at once: the second sees the card the first wrote', async () => {
      const [m, g] = [await kit.member('alice'), await kit.group()];
      const [qid] = questionIds(h.content, 'easy');
      const [s1, s2] = [await kit.session(m.id, g.id, [qid!]), await kit.session(m.id, g.id, [qid!])];
      const seen: (number | undefined)[] = [];
      const next = (current: ReviewCard | undefined): ReviewCard => (
        seen.push(current?.reps),
        { due: new Date('2026-12-01T00:00:00Z'), stability: 1, difficulty: 5, elapsed_days: 0, scheduled_days: 1, learning_steps: 0, reps: (current?.reps ?? 0) + 1, lapses: 0, state: 2 }
      );
      const results = await Promise.all([s1, s2].map((s) => h.store.recordAnswer(kit.answer(s, qid!, { nextCard: next }))));
      expect(results.map((r) => r.recorded)).toEqual([true, true]);
      expect(seen.sort()).toEqual([1, undefined].sort());
      expect(results.map((r) => r.answer.points).sort()).toEqual([POINTS.practiceCorrect, POINTS.firstCorrect.easy].sort());
      expect(await h.store.dueCards(m.id, new Date('2026-12-02T00:00:00Z'), 10)).toHaveLength(1);
    });

    it('one answer that cannot be written fails alone; the others in its batch are recorded', async () => {
      const [m, g] = [await kit.member('alice'), await kit.group()];
      const ids = questionIds(h.content, 'medium', 3);
      const s = await kit.session(m.id, g.id, ids);
      const gone = { ...s, id: '00000000-0000-4000-8000-000000000000' }; // no such session: the answer's foreign key fails
      const outcomes = await Promise.allSettled([h.store.recordAnswer(kit.answer(s, ids[0]!)), h.store.recordAnswer(kit.answer(gone, ids[1]!)), h.store.recordAnswer(kit.answer(s, ids[2]!))]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((await h.store.listAnswers(s.id)).map((a) => a.questionId).sort()).toEqual([ids[0], ids[2]].sort());
      expect(await h.store.totalPoints(m.id)).toBe(2 * POINTS.firstCorrect.medium);
    });
  });

  describe('addGoal', () => {
    it('never passes the weekly limit when 10 different goals are added at once', async () => {
      const m = await kit.member('alice');
      const limit = 5;
      const results = await times(10, (i) => h.store.addGoal(m.id, '2026-W48', `goal number ${i}`, h.clock.now(), '2026-11-25', limit));
      expect(results.filter((r) => r.goal && !r.duplicate)).toHaveLength(limit);
      expect(results.filter((r) => r.full && !r.goal)).toHaveLength(10 - limit);
      expect(await h.store.listGoals(m.id, '2026-W48')).toHaveLength(limit);
      const nextWeek = await h.store.addGoal(m.id, '2026-W49', 'goal number 0', h.clock.now(), '2026-12-02', limit);
      expect(nextWeek).toMatchObject({ full: false, duplicate: false });
    });

    it('returns the existing goal for a repeated text, also when repeated concurrently', async () => {
      const m = await kit.member('alice');
      const results = await times(5, () => h.store.addGoal(m.id, '2026-W48', 'Finish stage 2', h.clock.now(), '2026-11-25', 5));
      expect(new Set(results.map((r) => r.goal!.id)).size).toBe(1);
      expect(results.filter((r) => r.duplicate)).toHaveLength(4);
      expect((await rowCounts(h.db)).weekly_goals).toBe(1);
    });
  });

  describe('dailyPick', () => {
    const pool = ['q-a', 'q-b', 'q-c', 'q-d'];
    const days = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30', '2026-12-01', '2026-12-02'];

    it('uses every item of the pool once before any repeats, and keeps a day’s pick', async () => {
      const g = await kit.group();
      const offered: string[][] = [];
      const picks: string[] = [];
      for (const day of days) {
        picks.push(await h.store.dailyPick(g.id, 'question', day, pool, (c) => (offered.push(c), c[c.length - 1]!)));
      }
      expect(new Set(picks.slice(0, 4))).toEqual(new Set(pool));
      expect(new Set(picks.slice(4, 8))).toEqual(new Set(pool));
      expect(offered.map((c) => c.length)).toEqual([4, 3, 2, 1, 4, 3, 2, 1]);
      expect(await h.store.dailyPick(g.id, 'question', days[1]!, pool, () => 'q-a')).toBe(picks[1]);
      // Another kind and another group have their own cycles.
      expect(await h.store.dailyPick(g.id, 'prompt', days[0]!, pool, (c) => c[0]!)).toBe('q-a');
      const other = await kit.group('C2');
      expect(await h.store.dailyPick(other.id, 'question', days[0]!, pool, (c) => c[0]!)).toBe('q-a');
    });

    it('returns the same item to 10 concurrent calls for one day', async () => {
      const g = await kit.group();
      const picks = await times(10, (i) => h.store.dailyPick(g.id, 'question', days[0]!, pool, (c) => c[i % c.length]!));
      expect(new Set(picks).size).toBe(1);
      expect((await rowCounts(h.db)).daily_picks).toBe(1);
    });

    it('gives concurrent calls for different days different items', async () => {
      const g = await kit.group();
      const picks = await Promise.all(days.slice(0, 4).map((day) => h.store.dailyPick(g.id, 'question', day, pool, (c) => c[0]!)));
      expect(new Set(picks)).toEqual(new Set(pool));
    });
  });
});
