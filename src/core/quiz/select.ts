import type { Question } from '../content/schema.js';

export function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Picks `count` questions, unseen ones first, in random order. */
export function pickQuestions(pool: Question[], seen: Set<string>, count: number, random: () => number): Question[] {
  const unseen = shuffle(pool.filter((q) => !seen.has(q.id)), random);
  const again = shuffle(pool.filter((q) => seen.has(q.id)), random);
  return [...unseen, ...again].slice(0, count);
}

/** An exam draws `perSkill` questions from every skill, spreading difficulties, then shuffles them. */
export function pickExam(pool: Question[], skills: string[], perSkill: number, random: () => number): Question[] {
  const picked: Question[] = [];
  for (const skill of skills) {
    const bySkill = shuffle(pool.filter((q) => q.skill === skill), random);
    const chosen: Question[] = [];
    for (const difficulty of ['easy', 'medium', 'hard'] as const) {
      const q = bySkill.find((x) => x.difficulty === difficulty && !chosen.includes(x));
      if (q && chosen.length < perSkill) chosen.push(q);
    }
    for (const q of bySkill) if (chosen.length < perSkill && !chosen.includes(q)) chosen.push(q);
    picked.push(...chosen);
  }
  return shuffle(picked, random);
}
