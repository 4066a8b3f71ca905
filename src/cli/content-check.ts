import { resolve } from 'node:path';
import { DIFFICULTIES, SKILL_IDS } from '../core/content/schema.js';
import { formatContentError, readContent } from '../core/content/loader.js';
import { answerStats } from '../core/content/quality.js';

const dir = resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'content');
const { content, errors } = readContent(dir);
if (errors.length > 0) {
  for (const e of errors) console.error(formatContentError(e));
  console.error(`content has ${errors.length} problem${errors.length === 1 ? '' : 's'}`);
  process.exit(1);
}

const questions = content.questions ?? [];
console.log(
  `content ok: ${content.lessons?.length ?? 0} lessons, ${questions.length} questions, ${content.prompts?.length ?? 0} prompts, ${content.skills?.length ?? 0} skills`,
);
if (process.argv.includes('--stats')) {
  for (const skill of SKILL_IDS) {
    const qs = questions.filter((q) => q.skill === skill);
    console.log(`  ${skill.padEnd(14)} ${String(qs.length).padStart(3)}  ${DIFFICULTIES.map((d) => `${d} ${qs.filter((q) => q.difficulty === d).length}`).join('  ')}`);
  }
  const { positionShare, longestShare } = answerStats(questions);
  console.log(`  correct position: ${positionShare.map((s, i) => `${i + 1}=${Math.round(s * 100)}%`).join(' ')}; correct is longest: ${Math.round(longestShare * 100)}%`);
}
