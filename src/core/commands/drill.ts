import { message, text, type Command, type Ctx } from '../command.js';
import { promptById } from '../content/index.js';
import { LEVELS, type InterviewPrompt } from '../content/schema.js';
import { chooseForDay } from '../drills/rotation.js';
import { scoreAnswer } from '../drills/rubric.js';
import type { InterviewAnswer } from '../ports.js';
import { POINTS } from '../scoring.js';
import { skillName } from '../skills.js';
import { addDays, localDay } from '../time.js';
import { UserError, type Reply } from '../types.js';

const ANSWER_ACTION = 'dans';
const ANSWER_FORM = 'dform';
export const DRILL_ANSWER_MIN = 20;
export const DRILL_ANSWER_MAX = 3000;

/** Today's mock-interview prompt for the group, the same for every member and replica. */
export async function promptOfTheDay(ctx: Ctx, day: string): Promise<InterviewPrompt> {
  const { content, store } = ctx.deps;
  const ids = content.prompts.map((p) => p.id);
  const rank = (id: string) => LEVELS.indexOf(promptById(content, id)!.level);
  const id = await store.dailyPick(ctx.group.id, 'prompt', day, ids, (candidates) => chooseForDay(candidates, rank, LEVELS.length, day, `prompt:${ctx.group.id}`));
  const prompt = promptById(content, id);
  if (!prompt) throw new UserError('PROMPT_GONE', 'Today’s prompt was removed from the content. An organiser can pick again tomorrow.');
  return prompt;
}

function resultReply(ctx: Ctx, prompt: InterviewPrompt, answer: InterviewAnswer): Reply {
  const rubric = prompt.rubric.map((r, i) => `${answer.covered.includes(i) ? '✅' : '⬜'} ${r.point}`).join('\n');
  return message(
    [
      text(`**Rubric coverage: ${answer.covered.length} of ${prompt.rubric.length} (${answer.scorePct}%) · +${answer.points} points**`),
      text(`**What a strong answer covers**\n${rubric}`),
      text(`**Model outline**\n${prompt.modelOutline.map((l) => `- ${l}`).join('\n')}`),
      text(`**Follow-ups to prepare**\n${prompt.followUps.map((l) => `- ${l}`).join('\n')}`),
    ],
    `Mock interview · ${skillName(ctx.deps.content, prompt.skill)}`,
  );
}

function checkDay(ctx: Ctx, day: string | undefined): string {
  const today = localDay(ctx.now, ctx.group.timezone);
  if (day === today || day === addDays(today, -1)) return day;
  throw new UserError('DRILL_EXPIRED', 'That drill has expired. Run /drill for today’s prompt.');
}

async function openForm(ctx: Ctx, [promptId, dayPart]: string[]): Promise<Reply[]> {
  const day = checkDay(ctx, dayPart);
  const prompt = promptId ? promptById(ctx.deps.content, promptId) : undefined;
  if (!prompt) throw new UserError('PROMPT_GONE', 'That prompt no longer exists. Run /drill for today’s.');
  // Only the group's prompt of that day can be answered: one drill answer per member and day.
  if ((await promptOfTheDay(ctx, day)).id !== prompt.id) throw new UserError('DRILL_EXPIRED', 'That is not the prompt of the day. Run /drill for today’s.');
  const existing = await ctx.deps.store.getInterviewAnswer(ctx.member.id, ctx.group.id, prompt.id, day);
  if (existing) return [resultReply(ctx, prompt, existing)];
  return [
    {
      type: 'form',
      formId: `${ANSWER_FORM}:${prompt.id}:${day}`,
      title: 'Your answer',
      intro: prompt.prompt,
      submitLabel: 'Submit',
      fields: [{ id: 'answer', label: 'Your answer (aim for 5 minutes of speaking)', multiline: true, minLength: DRILL_ANSWER_MIN, maxLength: DRILL_ANSWER_MAX }],
    },
  ];
}

async function submit(ctx: Ctx, [promptId, dayPart]: string[], fields: Record<string, string>): Promise<Reply[]> {
  const day = checkDay(ctx, dayPart);
  const prompt = promptId ? promptById(ctx.deps.content, promptId) : undefined;
  if (!prompt) throw new UserError('PROMPT_GONE', 'That prompt no longer exists. Run /drill for today’s.');
  // Only the group's prompt of that day can be answered: one drill answer per member and day.
  if ((await promptOfTheDay(ctx, day)).id !== prompt.id) throw new UserError('DRILL_EXPIRED', 'That is not the prompt of the day. Run /drill for today’s.');
  const body = (fields.answer ?? '').trim();
  if (body.length < DRILL_ANSWER_MIN) throw new UserError('DRILL_ANSWER_SHORT', `Write at least ${DRILL_ANSWER_MIN} characters: cover the problem, constraints, design, trade-offs and metrics.`);
  if (body.length > DRILL_ANSWER_MAX) throw new UserError('DRILL_ANSWER_LONG', `Keep the answer under ${DRILL_ANSWER_MAX} characters; a 5-minute answer fits.`);
  const { covered, scorePct } = scoreAnswer(prompt, body);
  const { answer } = await ctx.deps.store.recordInterviewAnswer(
    {
      memberId: ctx.member.id,
      groupId: ctx.group.id,
      promptId: prompt.id,
      day,
      text: body,
      covered,
      scorePct,
      points: covered.length * POINTS.interviewPerRubricPoint,
      answeredAt: ctx.now,
    },
    localDay(ctx.now, ctx.zone),
  );
  return [resultReply(ctx, prompt, answer)];
}

export const drillCommand: Command = {
  name: 'drill',
  usage: '/drill',
  summary: 'Today’s mock-interview prompt; answer it and see how it scores against the rubric.',
  async run(ctx) {
    const day = localDay(ctx.now, ctx.group.timezone);
    const prompt = await promptOfTheDay(ctx, day);
    const existing = await ctx.deps.store.getInterviewAnswer(ctx.member.id, ctx.group.id, prompt.id, day);
    if (existing) return [resultReply(ctx, prompt, existing)];
    return [
      message(
        [
          text(`_${skillName(ctx.deps.content, prompt.skill)} · ${prompt.topic} · ${prompt.level} level_`),
          text(prompt.prompt),
          text('Answer as you would aloud: the problem, constraints, your design, trade-offs, metrics, and what you would do next.'),
          { type: 'buttons', buttons: [{ label: 'Answer', actionId: `${ANSWER_ACTION}:${prompt.id}:${day}`, style: 'primary' }] },
        ],
        `Mock interview of the day · ${day}`,
      ),
    ];
  },
  actions: { [ANSWER_ACTION]: openForm },
  forms: { [ANSWER_FORM]: submit },
};
