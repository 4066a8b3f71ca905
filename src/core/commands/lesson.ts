import { words } from '../args.js';
import { message, text, type Command, type Ctx } from '../command.js';
import { lessonById } from '../content/index.js';
import type { Lesson } from '../content/schema.js';
import { findLesson, learningPath } from '../lessons/path.js';
import { localDay } from '../time.js';
import { UserError, type Block, type Reply } from '../types.js';

const DONE_ACTION = 'ldone';

function lessonReply(lesson: Lesson, position: number, total: number, done: boolean): Reply {
  const blocks: Block[] = [text(`_${lesson.summary}_`)];
  for (const s of lesson.sections) blocks.push(text(s.heading ? `**${s.heading}**\n${s.body}` : s.body));
  if (lesson.miniTask) {
    const criteria = lesson.miniTask.acceptance.map((c) => `- ${c}`).join('\n');
    blocks.push({ type: 'divider' }, text(`**Mini task: ${lesson.miniTask.title}**\nDone when:\n${criteria}`));
  }
  if (lesson.prerequisites.length > 0) blocks.push(text(`Before this: ${lesson.prerequisites.map((p) => `/lesson ${p}`).join(', ')}`));
  blocks.push(
    done
      ? text('✅ You marked this lesson done. Next: /lesson next')
      : { type: 'buttons', buttons: [{ label: 'Mark done', actionId: `${DONE_ACTION}:${lesson.id}`, style: 'primary' }] },
  );
  return message(blocks, `Lesson ${position} of ${total}: ${lesson.title}`);
}

async function show(ctx: Ctx, lesson: Lesson): Promise<Reply[]> {
  const path = learningPath(ctx.deps.content);
  const done = new Set(await ctx.deps.store.lessonsDone(ctx.member.id));
  return [lessonReply(lesson, path.indexOf(lesson) + 1, path.length, done.has(lesson.id))];
}

async function list(ctx: Ctx): Promise<Reply[]> {
  const path = learningPath(ctx.deps.content);
  const done = new Set(await ctx.deps.store.lessonsDone(ctx.member.id));
  const lines = path.map((l, i) => `${done.has(l.id) ? '✅' : '⬜'} ${i + 1}. ${l.title} · \`${l.id}\``);
  const count = path.filter((l) => done.has(l.id)).length;
  return [message([text(lines.join('\n')), text(`${count} of ${path.length} done. Open one with /lesson <number or id>, or /lesson next.`)], 'Learning path')];
}

async function next(ctx: Ctx): Promise<Reply[]> {
  const path = learningPath(ctx.deps.content);
  const done = new Set(await ctx.deps.store.lessonsDone(ctx.member.id));
  const upcoming = path.find((l) => !done.has(l.id));
  if (!upcoming) return [message([text('You have done every lesson on the path. Check your readiness with /exam.')], 'Learning path complete')];
  return show(ctx, upcoming);
}

async function markDone(ctx: Ctx, [lessonId]: string[]): Promise<Reply[]> {
  const lesson = lessonId ? lessonById(ctx.deps.content, lessonId) : undefined;
  if (!lesson) throw new UserError('LESSON_NOT_FOUND', 'That lesson no longer exists. See /lesson list.');
  await ctx.deps.store.markLessonDone(ctx.member.id, lesson.id, ctx.now, localDay(ctx.now, ctx.zone));
  const path = learningPath(ctx.deps.content);
  const done = new Set(await ctx.deps.store.lessonsDone(ctx.member.id));
  const upcoming = path.find((l) => !done.has(l.id));
  const after = upcoming ? `Next up: **${upcoming.title}** (/lesson next).` : 'That was the last lesson. Try /exam.';
  return [message([text(`✅ **${lesson.title}** marked done (${done.size} of ${path.length}). ${after}`)])];
}

export const lessonCommand: Command = {
  name: 'lesson',
  usage: '/lesson [next|list|<id or number>]',
  summary: 'A learning-path stage or skill lesson with its mini task; `next` follows the path.',
  async run(ctx, args) {
    const query = words(args).join(' ');
    if (!query || query.toLowerCase() === 'next') return next(ctx);
    if (query.toLowerCase() === 'list') return list(ctx);
    return show(ctx, findLesson(ctx.deps.content, query));
  },
  actions: { [DONE_ACTION]: markDone },
};
