import { DateTime } from 'luxon';
import type { Content } from '../content/loader.js';
import type { Question } from '../content/schema.js';
import { POINTS } from '../scoring.js';
import { skillName } from '../skills.js';
import type { Block } from '../types.js';

/** The question of the day as posted with the drill: its blocks, and the action id of its buttons. */

/** Action id: `dq:<day>:<question id>:<choice index>`; the group is the channel the button was pressed in. */
export const DAILY_ANSWER_ACTION = 'dq';

export const dailyAnswerActionId = (day: string, questionId: string, choice: number) => `${DAILY_ANSWER_ACTION}:${day}:${questionId}:${choice}`;

/** `2026-11-25` → `Wed 25 Nov`. */
export const shortDay = (day: string) => DateTime.fromISO(day, { zone: 'UTC' }).toFormat('ccc d LLL');

export function questionBlocks(content: Content, question: Question, day: string): Block[] {
  return [
    text(`**Question of the day** · _${skillName(content, question.skill)} · ${question.difficulty}_`),
    text(question.stem),
    { type: 'buttons', buttons: question.choices.map((c, i) => ({ label: c, actionId: dailyAnswerActionId(day, question.id, i) })) },
    text(
      `_One answer each. A correct answer earns its points (${POINTS.firstCorrect[question.difficulty]} the first time you get this question right), ` +
        `plus **+${POINTS.dailyQuestionBonus}** if you answer on ${shortDay(day)}. The answer is revealed with the next drill._`,
    ),
  ];
}

function text(t: string): Block {
  return { type: 'text', text: t };
}
