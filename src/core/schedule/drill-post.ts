import { message, text, type CoreDeps, type Ctx } from '../command.js';
import { promptOfTheDay } from '../commands/drill.js';
import { questionById } from '../content/index.js';
import type { Question } from '../content/schema.js';
import { questionOfTheDay } from '../drills/daily.js';
import type { Group } from '../ports.js';
import { skillName } from '../skills.js';
import type { Block, MessageReply } from '../types.js';
import { questionBlocks, shortDay } from './daily-question.js';

/** The action id of /drill's "Answer" button (src/core/commands/drill.ts), so the post opens the same form. */
const PROMPT_ANSWER_ACTION = 'dans';
const CHOICE_LABEL_MAX = 40;

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The previous drill's question, its answer, and how the group answered it. */
async function revealBlocks(deps: CoreDeps, question: Question, day: string, groupId: number): Promise<Block[]> {
  const counts = await deps.store.drillAnswerCounts(groupId, day);
  const total = counts.reduce((sum, c) => sum + c.n, 0);
  const right = counts.find((c) => c.choice === question.answer)?.n ?? 0;
  const blocks: Block[] = [
    text(`**Answer to ${shortDay(day)}’s question**\n${question.stem}`),
    text(`✅ **${question.choices[question.answer]}**\n${question.explanation}`),
  ];
  if (total === 0) {
    blocks.push(text('_Nobody answered it._'));
  } else {
    blocks.push({
      type: 'bars',
      title: `How the group answered: ${right} of ${total} correct`,
      bars: question.choices.map((c, i) => ({
        label: `${i + 1}) ${clip(c, CHOICE_LABEL_MAX)}${i === question.answer ? ' ✅' : ''}`,
        value: counts.find((x) => x.choice === i)?.n ?? 0,
        max: total,
      })),
    });
  }
  return [...blocks, { type: 'divider' }];
}

/**
 * The daily drill for the group's local `day`: last drill's answer revealed, the question of the day
 * with one button per choice, and the mock-interview prompt of the day.
 */
export async function buildDrillPost(deps: CoreDeps, group: Group, day: string): Promise<MessageReply> {
  const { content, store } = deps;
  const question = await questionOfTheDay(content, store, group.id, day);
  // promptOfTheDay reads only the dependencies and the group from its context.
  const prompt = await promptOfTheDay({ deps, group } as Ctx, day);

  const previous = (await store.latestPicks(group.id, 'question', 2)).find((p) => p.day < day);
  const previousQuestion = previous ? questionById(content, previous.itemId) : undefined;
  const reveal = previous && previousQuestion ? await revealBlocks(deps, previousQuestion, previous.day, group.id) : [];

  return message(
    [
      ...reveal,
      ...questionBlocks(content, question, day),
      { type: 'divider' },
      text(`**Mock interview of the day** · _${skillName(content, prompt.skill)} · ${prompt.topic} · ${prompt.level} level_`),
      text(prompt.prompt),
      { type: 'buttons', buttons: [{ label: 'Answer', actionId: `${PROMPT_ANSWER_ACTION}:${prompt.id}:${day}`, style: 'primary' }] },
    ],
    `Daily drill · ${shortDay(day)}`,
    'channel',
  );
}
