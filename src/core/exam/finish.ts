import { message, text, type Ctx } from '../command.js';
import { questionById } from '../content/index.js';
import type { Answer, ExamResult, Session } from '../ports.js';
import { EXAM_PASS_PCT } from '../scoring.js';
import { skillName } from '../skills.js';
import type { Block, Reply } from '../types.js';

const pct = (correct: number, total: number) => (total === 0 ? 0 : Math.round((correct / total) * 1000) / 10);

export function computeExamResult(ctx: Ctx, session: Session, answers: Answer[]): ExamResult {
  const bySkill = ctx.deps.content.skills.map((s) => ({ skill: s.id, correct: 0, total: 0 }));
  for (const id of session.questionIds) {
    const q = questionById(ctx.deps.content, id);
    const row = bySkill.find((r) => r.skill === q?.skill);
    if (!row) continue;
    row.total++;
    if (answers.find((a) => a.questionId === id)?.correct) row.correct++;
  }
  const correct = answers.filter((a) => a.correct).length;
  const scorePct = pct(correct, session.questionIds.length);
  return {
    sessionId: session.id,
    memberId: session.memberId,
    scorePct,
    passed: scorePct >= EXAM_PASS_PCT,
    bySkill: bySkill.filter((r) => r.total > 0),
    finishedAt: ctx.now,
  };
}

/** Stores the result once (a repeated last click finds it stored) and reports it. */
export async function finishExam(ctx: Ctx, session: Session, answers: Answer[]): Promise<Reply[]> {
  let result = await ctx.deps.store.getExamResult(session.id);
  if (!result) {
    await ctx.deps.store.saveExamResult(computeExamResult(ctx, session, answers));
    result = (await ctx.deps.store.getExamResult(session.id))!;
  }
  return [examResultReply(ctx, result)];
}

export function examResultReply(ctx: Ctx, result: ExamResult): Reply {
  const { content } = ctx.deps;
  const skillPct = result.bySkill.map((r) => ({ ...r, pct: pct(r.correct, r.total) }));
  const weakest = Math.min(...skillPct.map((r) => r.pct));
  const verdicts = content.track.levels.map((level) => {
    const ready = result.scorePct >= level.examBar.overall && weakest >= level.examBar.minSkill;
    return `${ready ? '✅' : '⬜'} **${level.name}**: ${ready ? 'ready' : `not yet (needs ${level.examBar.overall}% overall and ${level.examBar.minSkill}% in every skill)`}`;
  });
  const toStudy = skillPct
    .filter((r) => r.pct < 100)
    .sort((a, b) => a.pct - b.pct || a.skill.localeCompare(b.skill))
    .slice(0, 3)
    .map((r) => {
      const lesson = content.skills.find((s) => s.id === r.skill)?.lesson ?? '';
      return `- ${skillName(content, r.skill)} (${r.pct}%): /lesson ${lesson}`;
    });
  const blocks: Block[] = [
    text(`**${result.scorePct}% · ${result.passed ? 'passed' : 'not passed'}** (pass mark ${EXAM_PASS_PCT}%)`),
    { type: 'bars', title: 'Score per skill', bars: skillPct.map((r) => ({ label: skillName(content, r.skill), value: r.correct, max: r.total })) },
    text(`**Readiness by level**\n${verdicts.join('\n')}`),
    text(toStudy.length > 0 ? `**Study next**\n${toStudy.join('\n')}` : 'A perfect score. Keep it fresh with /review and the daily /drill.'),
  ];
  return message(blocks, 'Exam result');
}
