import { message, text, type Command } from '../command.js';
import { questionById } from '../content/index.js';
import { questionReply } from '../quiz/flow.js';
import { REVIEW_BATCH } from '../scoring.js';
import { formatLocal } from '../time.js';

export const reviewCommand: Command = {
  name: 'review',
  usage: '/review',
  summary: `Spaced repetition (FSRS): up to ${REVIEW_BATCH} of your questions that are due again.`,
  async run(ctx) {
    const { store, content } = ctx.deps;
    const due = (await store.dueCards(ctx.member.id, ctx.now, REVIEW_BATCH * 2)).filter((c) => questionById(content, c.questionId));
    if (due.length === 0) {
      const next = await store.nextDue(ctx.member.id);
      const when = next ? `Your next card is due ${formatLocal(next, ctx.zone)}.` : 'Answer a few questions with /quiz first; each one you answer comes back here when it is due.';
      return [message([text(`Nothing to review right now. ${when}`)], 'Review')];
    }
    const session = await store.createSession({
      memberId: ctx.member.id,
      groupId: ctx.group.id,
      kind: 'review',
      questionIds: due.slice(0, REVIEW_BATCH).map((c) => c.questionId),
      createdAt: ctx.now,
    });
    return [questionReply(ctx, session, 0)];
  },
};
