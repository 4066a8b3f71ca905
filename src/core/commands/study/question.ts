import { message, text, type Command, type Ctx } from '../../command.js';
import { questionById } from '../../content/index.js';
import type { DrillAnswer } from '../../ports.js';
import { DAILY_ANSWER_ACTION, questionBlocks, shortDay } from '../../schedule/daily-question.js';
import { nextReviewCard } from '../../review/card.js';
import { POINTS } from '../../scoring.js';
import { localDay } from '../../time.js';
import { UserError, type Reply } from '../../types.js';

const QUESTION_KIND = 'question';

function answerReply(ctx: Ctx, answer: DrillAnswer, recorded: boolean): Reply {
  const question = questionById(ctx.deps.content, answer.questionId)!;
  const chosen = `you chose “${question.choices[answer.choice] ?? '?'}”`;
  const head = recorded ? '' : `You already answered ${shortDay(answer.day)}’s question (${chosen}); one answer counts per day.\n`;
  if (!answer.correct) {
    return message([text(`${head}❌ Not this time${recorded ? `: ${chosen}` : ''}. The answer and how the group answered are revealed with the next drill.`)], 'Question of the day');
  }
  const bonus = localDay(answer.answeredAt, ctx.group.timezone) === answer.day && answer.points > 0 ? `, with the +${POINTS.dailyQuestionBonus} same-day bonus` : '';
  return message([text(`${head}✅ Correct · +${answer.points} points${bonus}`), text(question.explanation)], 'Question of the day');
}

/** A button of a drill post: one counted answer per member, group and day, accepted until the next drill reveals it. */
async function answer(ctx: Ctx, [day, questionId, choicePart]: string[]): Promise<Reply[]> {
  const { store, content } = ctx.deps;
  const choice = Number(choicePart);
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day) || !questionId || !/^\d$/.test(choicePart ?? '')) {
    throw new UserError('ACTION_INVALID', 'That button is out of date. Find today’s question with /study question.');
  }
  const [latest] = await store.latestPicks(ctx.group.id, QUESTION_KIND, 1);
  if (!latest || latest.day !== day || latest.itemId !== questionId) {
    throw new UserError('DAILY_QUESTION_CLOSED', 'That question is closed: its answer was revealed with a later drill. Today’s is in the latest drill post and in /study question.');
  }
  const question = questionById(content, questionId);
  if (!question) throw new UserError('QUESTION_GONE', 'That question was removed from the bank. A new one comes with the next drill.');
  if (choice >= question.choices.length) throw new UserError('ACTION_INVALID', 'That button is out of date. Find today’s question with /study question.');
  const sameDay = localDay(ctx.now, ctx.group.timezone) === day;
  const { answer: stored, recorded } = await store.recordDrillAnswer({
    memberId: ctx.member.id,
    groupId: ctx.group.id,
    day,
    questionId,
    choice,
    correct: choice === question.answer,
    answeredAt: ctx.now,
    localDay: localDay(ctx.now, ctx.zone),
    firstCorrectPoints: POINTS.firstCorrect[question.difficulty],
    practicePoints: POINTS.practiceCorrect,
    bonusPoints: sameDay ? POINTS.dailyQuestionBonus : 0,
    nextCard: (current) => nextReviewCard(current, choice === question.answer, ctx.now),
  });
  return [answerReply(ctx, stored, recorded)];
}

export const questionCommand: Command = {
  name: 'question',
  usage: '/study question',
  summary: 'The group’s question of the day from the latest drill, to answer here if you missed the post.',
  async run(ctx) {
    const [latest] = await ctx.deps.store.latestPicks(ctx.group.id, QUESTION_KIND, 1);
    const question = latest ? questionById(ctx.deps.content, latest.itemId) : undefined;
    if (!latest || !question) {
      return [message([text('No question of the day yet. It comes with the group’s daily drill; an organiser sets the schedule with /study setup.')])];
    }
    return [message(questionBlocks(ctx.deps.content, question, latest.day), `Question of the day · ${shortDay(latest.day)}`)];
  },
  actions: { [DAILY_ANSWER_ACTION]: answer },
};
