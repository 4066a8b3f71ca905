import { message, text, type Command, type Ctx } from '../../command.js';
import { UserError, type Reply } from '../../types.js';

/** Action id: `fit:<option index per answered question>`, e.g. `fit:302` after three answers. No state is stored. */
const FIT_ACTION = 'fit';

function step(ctx: Ctx, answers: number[]): Reply {
  const { fitTest } = ctx.deps.content;
  const q = fitTest.questions[answers.length];
  if (!q) {
    const score = answers.reduce((sum, a, i) => sum + (fitTest.questions[i]?.options[a]?.score ?? 0), 0);
    const max = fitTest.questions.reduce((sum, x) => sum + Math.max(...x.options.map((o) => o.score)), 0);
    const result = [...fitTest.results].reverse().find((r) => score >= r.min) ?? fitTest.results[0]!;
    return message([text(`**${result.title}** · ${score} of ${max}`), text(result.advice)], 'Fit test result');
  }
  const prefix = answers.join('');
  return message(
    [text(q.text), { type: 'buttons', buttons: q.options.map((o, i) => ({ label: o.text, actionId: `${FIT_ACTION}:${prefix}${i}` })) }],
    `Fit test · ${answers.length + 1} of ${fitTest.questions.length}`,
  );
}

async function answer(ctx: Ctx, [digits]: string[]): Promise<Reply[]> {
  const { questions } = ctx.deps.content.fitTest;
  const answers = [...(digits ?? '')].map(Number);
  const valid = answers.length <= questions.length && answers.every((a, i) => Number.isInteger(a) && a < (questions[i]?.options.length ?? 0));
  if (!valid) throw new UserError('ACTION_INVALID', 'That fit-test button is out of date. Start again with /study fit.');
  return [step(ctx, answers)];
}

export const fitCommand: Command = {
  name: 'fit',
  usage: '/study fit',
  summary: 'A short self-check: is the MLOps Engineer track a fit for you now, and where to start.',
  async run(ctx) {
    return [message([text(ctx.deps.content.fitTest.intro)], 'Fit test'), step(ctx, [])];
  },
  actions: { [FIT_ACTION]: answer },
};
