import { message, text, type Command } from '../command.js';
import { learningPath } from '../lessons/path.js';
import { currentStreak } from '../scoring.js';
import { skillName } from '../skills.js';
import { addDays, formatLocal, isoWeek, localDay } from '../time.js';

export const progressCommand: Command = {
  name: 'progress',
  usage: '/progress',
  summary: 'Your points, streak, accuracy per skill, best exam, lessons done and this week’s goals.',
  async run(ctx) {
    const { store, content } = ctx.deps;
    const today = localDay(ctx.now, ctx.zone);
    const week = isoWeek(ctx.now, ctx.zone);
    const [points, days, accuracy, best, lessons, goals, nextDue] = await Promise.all([
      store.totalPoints(ctx.member.id),
      store.activityDays(ctx.member.id, addDays(today, -400)),
      store.accuracyBySkill(ctx.member.id),
      store.bestExam(ctx.member.id),
      store.lessonsDone(ctx.member.id),
      store.listGoals(ctx.member.id, week),
      store.nextDue(ctx.member.id),
    ]);
    const streak = currentStreak(days, today);
    const answered = accuracy.reduce((n, a) => n + a.total, 0);
    const correct = accuracy.reduce((n, a) => n + a.correct, 0);
    const pathSize = learningPath(content).length;
    const goalsDone = goals.filter((g) => g.doneAt).length;
    return [
      message(
        [
          {
            type: 'fields',
            fields: [
              { label: 'Points', value: String(points) },
              { label: 'Streak', value: `${streak} day${streak === 1 ? '' : 's'}` },
              { label: 'Answers', value: answered > 0 ? `${correct} of ${answered} correct (${Math.round((correct / answered) * 100)}%)` : 'none yet' },
              { label: 'Best exam', value: best ? `${best.scorePct}%${best.passed ? ' (passed)' : ''}` : 'not taken' },
              { label: 'Lessons', value: `${lessons.length} of ${pathSize} done` },
              { label: `Goals ${week}`, value: goals.length > 0 ? `${goalsDone} of ${goals.length} done` : 'none set' },
            ],
          },
          accuracy.length > 0
            ? { type: 'bars', title: 'Accuracy per skill', bars: accuracy.map((a) => ({ label: skillName(content, a.skill), value: a.correct, max: a.total })) }
            : text('Answer some questions (/quiz) to see your accuracy per skill.'),
          text(nextDue ? `Next review due ${formatLocal(nextDue, ctx.zone)} (/review).` : 'No review cards yet.'),
        ],
        `Progress · ${ctx.member.displayName}`,
      ),
    ];
  },
};
