import type { Difficulty } from './content/schema.js';
import { addDays } from './time.js';

/** Every scoring rule; the README's scoring table mirrors this object. */
export const POINTS = {
  firstCorrect: { easy: 10, medium: 15, hard: 20 } satisfies Record<Difficulty, number>,
  /** A correct answer to a question the member has already got right once (repeat quiz, review, exam). */
  practiceCorrect: 2,
  wrong: 0,
  /** Mock-interview answer: per rubric point covered. */
  interviewPerRubricPoint: 5,
  /** The group's daily question answered correctly on the drill's own day (group time zone), on top of the answer's points. */
  dailyQuestionBonus: 5,
} as const;

export const QUIZ_DEFAULT_COUNT = 5;
export const QUIZ_MAX_COUNT = 20;
export const EXAM_QUESTIONS_PER_SKILL = 3;
export const EXAM_PASS_PCT = 70;
export const REVIEW_BATCH = 10;
export const GOALS_PER_WEEK = 5;

/**
 * Consecutive days with activity ending today, or yesterday when today has none yet
 * (a streak is not broken until the member's day is over). `days` are YYYY-MM-DD, any order.
 */
export function currentStreak(days: string[], today: string): number {
  const set = new Set(days);
  let day = set.has(today) ? today : addDays(today, -1);
  let streak = 0;
  while (set.has(day)) {
    streak++;
    day = addDays(day, -1);
  }
  return streak;
}
