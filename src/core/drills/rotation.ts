import { weekday } from '../time.js';

/** Harder as the working week goes on: rank 0 (easiest) on Monday … highest on Friday; weekends in the middle. */
export function targetRank(day: string, ranks: number): number {
  const wd = weekday(day);
  const position = wd >= 6 ? 0.5 : (wd - 1) / 4;
  return Math.round(position * (ranks - 1));
}

/** A stable number from a string (FNV-1a), so a group's pick for a day does not depend on the replica. */
export function stableHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Chooses among items not yet used this cycle: those closest to the day's target difficulty rank,
 * then one of them by a hash of (seed, day).
 */
export function chooseForDay<T extends string>(candidates: T[], rankOf: (id: T) => number, ranks: number, day: string, seed: string): T {
  const target = targetRank(day, ranks);
  const distance = (id: T) => Math.abs(rankOf(id) - target);
  const best = Math.min(...candidates.map(distance));
  const closest = candidates.filter((id) => distance(id) === best).sort();
  return closest[stableHash(`${seed}:${day}`) % closest.length]!;
}
