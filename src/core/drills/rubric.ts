import type { InterviewPrompt } from '../content/schema.js';

function prepare(s: string): string {
  return ` ${s.toLowerCase().replace(/[^a-z0-9%/.+#-]+/g, ' ').trim()} `;
}

/**
 * Which rubric points an answer covers: a point is covered when any of its keywords starts a word
 * of the answer ("rollback" also matches "rollbacks"), case-insensitively.
 */
export function scoreAnswer(prompt: InterviewPrompt, answer: string): { covered: number[]; scorePct: number } {
  const text = prepare(answer);
  const covered = prompt.rubric.flatMap((point, i) => (point.keywords.some((k) => text.includes(` ${prepare(k).trim()}`)) ? [i] : []));
  return { covered, scorePct: Math.round((covered.length / prompt.rubric.length) * 100) };
}
