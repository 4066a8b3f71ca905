import { isNumber, parseIntArg, words } from '../args.js';
import type { Command } from '../command.js';
import { ANSWER_ACTION, answerAction, questionReply } from '../quiz/flow.js';
import { pickQuestions } from '../quiz/select.js';
import { QUIZ_DEFAULT_COUNT, QUIZ_MAX_COUNT } from '../scoring.js';
import { resolveSkill } from '../skills.js';

export const quizCommand: Command = {
  name: 'quiz',
  usage: '/quiz [skill] [count]',
  summary: `A multiple-choice quiz: ${QUIZ_DEFAULT_COUNT} questions by default (1–${QUIZ_MAX_COUNT}), optionally on one skill.`,
  async run(ctx, args) {
    const parts = words(args);
    let count = QUIZ_DEFAULT_COUNT;
    const last = parts.at(-1);
    if (isNumber(last)) {
      count = parseIntArg(last, 1, QUIZ_MAX_COUNT, 'QUIZ_COUNT_RANGE', 'The number of questions');
      parts.pop();
    }
    const { content, store, random } = ctx.deps;
    const skill = parts.length > 0 ? resolveSkill(content, parts.join(' ')) : undefined;
    const pool = skill ? content.questions.filter((q) => q.skill === skill.id) : content.questions;
    const seen = new Set(await store.seenQuestions(ctx.member.id));
    const questions = pickQuestions(pool, seen, count, random);
    const session = await store.createSession({
      memberId: ctx.member.id,
      groupId: ctx.group.id,
      kind: 'quiz',
      questionIds: questions.map((q) => q.id),
      createdAt: ctx.now,
    });
    return [questionReply(ctx, session, 0)];
  },
  actions: { [ANSWER_ACTION]: answerAction },
};
