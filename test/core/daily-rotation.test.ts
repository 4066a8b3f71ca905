import { describe, expect, it } from 'vitest';
import { DIFFICULTIES, LEVELS } from '../../src/core/content/schema.js';
import { questionOfTheDay } from '../../src/core/drills/daily.js';
import { targetRank } from '../../src/core/drills/rotation.js';
import { addDays, weekday } from '../../src/core/time.js';
import { TARGETS } from '../support/databases.js';
import { realContent, useHarness } from '../support/harness.js';

const MONDAY = '2026-11-23';

describe('targetRank', () => {
  it('never gets easier from Monday to Friday and spans the whole range', () => {
    const ranks = [0, 1, 2, 3, 4].map((i) => targetRank(addDays(MONDAY, i), DIFFICULTIES.length));
    expect(ranks[0]).toBe(0);
    expect(ranks[4]).toBe(DIFFICULTIES.length - 1);
    for (let i = 1; i < ranks.length; i++) expect(ranks[i]).toBeGreaterThanOrEqual(ranks[i - 1]!);
    const levels = [0, 1, 2, 3, 4].map((i) => targetRank(addDays(MONDAY, i), LEVELS.length));
    expect(levels[0]).toBe(0);
    expect(levels[4]).toBe(LEVELS.length - 1);
  });
});

describe.each(TARGETS)('question of the day on %s', (target) => {
  describe('with the full bank', () => {
    const h = useHarness(target);

    it('is the same for a group all day, differs by day, and is harder on Friday than Monday', async () => {
      const group = await h.store.ensureGroup('console', 'T1', 'C1');
      const seen = new Set<string>();
      for (let week = 0; week < 2; week++) {
        const days = [0, 1, 2, 3, 4].map((i) => addDays(MONDAY, week * 7 + i));
        const picks = [];
        for (const day of days) {
          const q = await questionOfTheDay(h.content, h.store, group.id, day);
          expect((await questionOfTheDay(h.content, h.store, group.id, day)).id).toBe(q.id);
          expect(seen.has(q.id)).toBe(false);
          seen.add(q.id);
          picks.push(DIFFICULTIES.indexOf(q.difficulty));
        }
        expect(weekday(days[0]!)).toBe(1);
        expect(picks[4]!).toBeGreaterThan(picks[0]!);
      }
    });
  });

  describe('with a bank of six questions', () => {
    const h = useHarness(target, { content: () => ({ ...realContent(), questions: realContent().questions.slice(0, 6) }) });

    it('uses every question once before any repeats', async () => {
      const group = await h.store.ensureGroup('console', 'T1', 'C2');
      const ids: string[] = [];
      for (let i = 0; i < 8; i++) ids.push((await questionOfTheDay(h.content, h.store, group.id, addDays(MONDAY, i))).id);
      expect(new Set(ids.slice(0, 6)).size).toBe(6);
      expect(ids.slice(0, 6)).toContain(ids[6]);
      expect(ids[7]).not.toBe(ids[6]);
    });
  });
});
