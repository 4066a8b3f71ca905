import { oneOf, words } from '../args.js';
import { message, text, type Command, type Ctx } from '../command.js';
import { nextStep } from '../quiz/flow.js';
import { pickExam } from '../quiz/select.js';
import { EXAM_PASS_PCT, EXAM_QUESTIONS_PER_SKILL } from '../scoring.js';
import { UserError, type Reply } from '../types.js';

const START_ACTION = 'exs';

async function start(ctx: Ctx): Promise<Reply[]> {
  const { store, content, random } = ctx.deps;
  const open = await store.openExam(ctx.member.id);
  if (open) return [message([text('You already have an exam in progress; here is where you left off.')]), ...(await nextStep(ctx, open))];
  const questions = pickExam(content.questions, content.skills.map((s) => s.id), EXAM_QUESTIONS_PER_SKILL, random);
  let session;
  try {
    session = await store.createSession({ memberId: ctx.member.id, groupId: ctx.group.id, kind: 'exam', questionIds: questions.map((q) => q.id), createdAt: ctx.now });
  } catch (err) {
    // Two starts at once: the one-open-exam index lets only one through; resume that one.
    const raced = await store.openExam(ctx.member.id);
    if (!raced) throw err;
    return nextStep(ctx, raced);
  }
  const intro = message(
    [text(`${questions.length} questions, ${EXAM_QUESTIONS_PER_SKILL} from each of the ${content.skills.length} skills. Pass mark ${EXAM_PASS_PCT}%. Answers are revealed at the end; stop any time and come back with /exam resume.`)],
    'Readiness exam',
  );
  return [intro, ...(await nextStep(ctx, session))];
}

async function resume(ctx: Ctx): Promise<Reply[]> {
  const open = await ctx.deps.store.openExam(ctx.member.id);
  if (!open) throw new UserError('EXAM_NONE_OPEN', 'You have no exam in progress. Start one with /exam start.');
  return nextStep(ctx, open);
}

async function abandon(ctx: Ctx): Promise<Reply[]> {
  const open = await ctx.deps.store.openExam(ctx.member.id);
  if (!open) throw new UserError('EXAM_NONE_OPEN', 'You have no exam in progress, so there is nothing to abandon.');
  await ctx.deps.store.setSessionStatus(open.id, 'abandoned', ctx.now);
  return [message([text('Exam abandoned. Its answers still count towards your progress. Start afresh with /exam start.')])];
}

async function overview(ctx: Ctx): Promise<Reply[]> {
  const { store, content } = ctx.deps;
  const open = await store.openExam(ctx.member.id);
  if (open) return resume(ctx);
  const best = await store.bestExam(ctx.member.id);
  const n = content.skills.length * EXAM_QUESTIONS_PER_SKILL;
  return [
    message(
      [
        text(`The readiness exam: ${n} questions across all ${content.skills.length} skills, pass mark ${EXAM_PASS_PCT}%, with a breakdown per skill and a verdict per hiring level.`),
        text(best ? `Your best so far: **${best.scorePct}%**.` : 'You have not taken it yet.'),
        { type: 'buttons', buttons: [{ label: 'Start the exam', actionId: START_ACTION, style: 'primary' }] },
      ],
      'Readiness exam',
    ),
  ];
}

export const examCommand: Command = {
  name: 'exam',
  usage: '/exam [start|resume|abandon]',
  summary: `The readiness exam: ${EXAM_QUESTIONS_PER_SKILL} questions from every skill, pass mark ${EXAM_PASS_PCT}%, a verdict per hiring level. Resumable.`,
  async run(ctx, args) {
    const [sub] = words(args);
    if (!sub) return overview(ctx);
    const action = oneOf(sub, ['start', 'resume', 'abandon'] as const, 'EXAM_SUBCOMMAND', 'The exam command');
    return { start, resume, abandon }[action](ctx);
  },
  actions: { [START_ACTION]: (ctx) => start(ctx) },
};
