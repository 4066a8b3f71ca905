import { message, text, type Ctx } from '../command.js';
import { questionById } from '../content/index.js';
import type { Question } from '../content/schema.js';
import { finishExam } from '../exam/finish.js';
import type { Answer, Session } from '../ports.js';
import { nextReviewCard } from '../review/card.js';
import { POINTS } from '../scoring.js';
import { skillName } from '../skills.js';
import { localDay } from '../time.js';
import { UserError, type Reply } from '../types.js';

/** Action id of a choice: `ans:<session>:<question index>:<choice index>`. */
export const ANSWER_ACTION = 'ans';

const KIND_TITLE = { quiz: 'Quiz', review: 'Review', exam: 'Exam' } as const;

function questionAt(ctx: Ctx, session: Session, index: number): Question {
  const id = session.questionIds[index];
  const q = id === undefined ? undefined : questionById(ctx.deps.content, id);
  if (!q) throw new UserError('QUESTION_GONE', 'That question is no longer in the question bank. Start a new one with /quiz.');
  return q;
}

export function questionReply(ctx: Ctx, session: Session, index: number): Reply {
  const q = questionAt(ctx, session, index);
  const title = `${KIND_TITLE[session.kind]} · question ${index + 1} of ${session.questionIds.length}`;
  return message(
    [
      text(`_${skillName(ctx.deps.content, q.skill)} · ${q.difficulty}_\n\n${q.stem}`),
      { type: 'buttons', buttons: q.choices.map((label, c) => ({ label, actionId: `${ANSWER_ACTION}:${session.id}:${index}:${c}` })) },
    ],
    title,
  );
}

/** The next unanswered question, or the end of the session when every question has an answer. */
export async function nextStep(ctx: Ctx, session: Session, answers?: Answer[]): Promise<Reply[]> {
  const given = answers ?? (await ctx.deps.store.listAnswers(session.id));
  const answered = new Set(given.map((a) => a.questionId));
  const index = session.questionIds.findIndex((id) => !answered.has(id));
  if (index >= 0) return [questionReply(ctx, session, index)];
  if (session.kind === 'exam') return finishExam(ctx, session, given);
  await ctx.deps.store.setSessionStatus(session.id, 'finished', ctx.now);
  return [summaryReply(ctx, session, given)];
}

function summaryReply(ctx: Ctx, session: Session, answers: Answer[]): Reply {
  const correct = answers.filter((a) => a.correct).length;
  const points = answers.reduce((sum, a) => sum + a.points, 0);
  const lines = session.questionIds.map((id, i) => {
    const a = answers.find((x) => x.questionId === id);
    const q = questionById(ctx.deps.content, id);
    return `${a?.correct ? '✅' : '❌'} ${i + 1}. ${skillName(ctx.deps.content, q?.skill ?? '')}`;
  });
  const next = session.kind === 'review' ? 'Run /review again later for the next due cards.' : 'Missed ones come back in /review. Another round: /quiz';
  return message(
    [text(`**${correct} of ${session.questionIds.length} correct · +${points} points**`), text(lines.join('\n')), text(next)],
    `${KIND_TITLE[session.kind]} finished`,
  );
}

export async function loadOwnSession(ctx: Ctx, sessionId: string | undefined): Promise<Session> {
  const session = sessionId ? await ctx.deps.store.getSession(sessionId) : undefined;
  if (!session) throw new UserError('SESSION_NOT_FOUND', 'That quiz no longer exists. Start a new one with /quiz.');
  if (session.memberId !== ctx.member.id) {
    throw new UserError('NOT_YOUR_SESSION', 'Those buttons belong to someone else’s quiz. Start your own with /quiz.');
  }
  return session;
}

/** Handles a choice button; the same click twice records one answer and replies the same. */
export async function answerAction(ctx: Ctx, [sessionId, indexPart, choicePart]: string[]): Promise<Reply[]> {
  // Both reads at once; the answers are only used once the session turns out to be the member's.
  const [session, answers] = await Promise.all([loadOwnSession(ctx, sessionId), ctx.deps.store.listAnswers(sessionId ?? '')]);
  const index = Number(indexPart);
  const choice = Number(choicePart);
  if (!Number.isInteger(index) || index < 0 || index >= session.questionIds.length) {
    throw new UserError('ACTION_INVALID', 'That button is not part of this quiz. Start a new one with /quiz.');
  }
  const q = questionAt(ctx, session, index);
  if (!Number.isInteger(choice) || choice < 0 || choice >= q.choices.length) {
    throw new UserError('ACTION_INVALID', 'That choice is not part of this question. Pick one of the buttons.');
  }
  let answer = answers.find((a) => a.questionId === q.id);
  if (!answer) {
    if (session.status !== 'open') {
      throw new UserError('SESSION_CLOSED', `This ${session.kind} is over. Start a new one with /${session.kind}.`);
    }
    const correct = choice === q.answer;
    const result = await ctx.deps.store.recordAnswer({
      session,
      questionId: q.id,
      skill: q.skill,
      choice,
      correct,
      answeredAt: ctx.now,
      localDay: localDay(ctx.now, ctx.zone),
      firstCorrectPoints: POINTS.firstCorrect[q.difficulty],
      practicePoints: POINTS.practiceCorrect,
      nextCard: (current) => nextReviewCard(current, correct, ctx.now),
    });
    answer = result.answer;
    // Also when a concurrent click recorded it first: the list was read before that commit.
    answers.push(answer);
  }
  const replies: Reply[] = [feedbackReply(ctx, session, q, answer)];
  if (session.status !== 'abandoned') replies.push(...(await nextStep(ctx, session, answers)));
  return replies;
}

function feedbackReply(_ctx: Ctx, session: Session, q: Question, answer: Answer): Reply {
  // The exam reveals nothing until the end: results come per skill in the final report.
  if (session.kind === 'exam') return message([text(`Answer ${answer.choice + 1} recorded.`)]);
  const right = q.choices[q.answer] ?? '';
  const head = answer.correct ? `✅ **Correct** · +${answer.points} points` : `❌ **Not quite.** The answer is: **${right}**`;
  return message([text(head), text(q.explanation)]);
}
