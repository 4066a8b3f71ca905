import type { Content } from '../content/loader.js';
import { questionById } from '../content/index.js';
import { DIFFICULTIES, type Question } from '../content/schema.js';
import type { Store } from '../ports.js';
import { UserError } from '../types.js';
import { chooseForDay } from './rotation.js';

/**
 * The group's question of the day: the same for every member and replica, no repeats until the
 * bank is used up, easier early in the working week and harder towards its end.
 */
export async function questionOfTheDay(content: Content, store: Store, groupId: number, day: string): Promise<Question> {
  const rank = (id: string) => DIFFICULTIES.indexOf(questionById(content, id)!.difficulty);
  const ids = content.questions.map((q) => q.id);
  const id = await store.dailyPick(groupId, 'question', day, ids, (candidates) => chooseForDay(candidates, rank, DIFFICULTIES.length, day, `question:${groupId}`));
  const question = questionById(content, id);
  if (!question) throw new UserError('QUESTION_GONE', 'Today’s question was removed from the bank. A new one comes tomorrow.');
  return question;
}
