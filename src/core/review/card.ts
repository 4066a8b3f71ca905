import { createEmptyCard, fsrs, Rating, type Card } from 'ts-fsrs';
import type { ReviewCard } from '../ports.js';

const scheduler = fsrs({ enable_fuzz: false });

/** The next FSRS card after answering: right → Good, wrong → Again. */
export function nextReviewCard(current: ReviewCard | undefined, correct: boolean, at: Date): ReviewCard {
  const card: Card = current ? { ...current, state: current.state as Card['state'] } : createEmptyCard(at);
  const next = scheduler.next(card, at, correct ? Rating.Good : Rating.Again).card;
  return {
    due: next.due,
    stability: next.stability,
    difficulty: next.difficulty,
    elapsed_days: next.elapsed_days,
    scheduled_days: next.scheduled_days,
    learning_steps: next.learning_steps,
    reps: next.reps,
    lapses: next.lapses,
    state: next.state,
    ...(next.last_review ? { last_review: next.last_review } : {}),
  };
}
