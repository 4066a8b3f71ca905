import type { Content, ContentError } from './loader.js';
import { LIMITS, SKILL_IDS } from './schema.js';

/** The bank sizes the track promises; `content:check` fails below them. */
export const MINIMUMS = {
  questionsPerSkill: 20,
  prompts: 60,
  promptsPerSkill: 3,
  stages: 7,
} as const;

export const MAX_SHARE_OF_ONE_ANSWER_POSITION = 0.35;
export const MAX_SHARE_CORRECT_IS_LONGEST = 0.4;
export const NEAR_DUPLICATE_SIMILARITY = 0.8;
const MIN_EXPLANATION_CHARS = 60;

interface Origins {
  /** The content folder as shown in errors, e.g. `content`. */
  dir: string;
  questionFiles: Map<string, string>;
  promptFiles: Map<string, string>;
}

/** Rules beyond the schema: references, uniqueness, balance of answers, sizes that fit chat platforms. */
export function checkQuality(content: Partial<Content>, origins: Origins): ContentError[] {
  const errors: ContentError[] = [];
  const { skills = [], lessons = [], questions = [], prompts = [] } = content;
  const lessonIds = new Set(lessons.map((l) => l.id));
  const at = (sub: string) => `${origins.dir}/${sub}`;
  const qFile = (id: string) => origins.questionFiles.get(id) ?? at('questions');
  const pFile = (id: string) => origins.promptFiles.get(id) ?? at('prompts');

  const dupes = (ids: string[]) => ids.filter((x, i) => ids.indexOf(x) !== i);
  for (const d of dupes(skills.map((s) => s.id))) errors.push({ file: at('skills.yml'), field: d, message: 'skill listed twice' });
  for (const d of dupes(lessons.map((l) => l.id))) errors.push({ file: at('lessons'), field: d, message: 'lesson id used twice' });
  for (const d of dupes(questions.map((q) => q.id))) errors.push({ file: qFile(d), field: d, message: 'question id used twice' });
  for (const d of dupes(prompts.map((p) => p.id))) errors.push({ file: pFile(d), field: d, message: 'prompt id used twice' });

  if (skills.length > 0 || content.skills) {
    for (const id of SKILL_IDS) {
      if (!skills.some((s) => s.id === id)) errors.push({ file: at('skills.yml'), field: id, message: 'skill is missing' });
    }
  }
  for (const s of skills) {
    if (!lessonIds.has(s.lesson)) errors.push({ file: at('skills.yml'), field: `${s.id}.lesson`, message: `no lesson with id "${s.lesson}"` });
  }
  for (const l of lessons) {
    for (const p of l.prerequisites) {
      if (!lessonIds.has(p)) errors.push({ file: l.file, field: 'prerequisites', message: `no lesson with id "${p}"` });
    }
    if (l.kind === 'skill' && !l.skill) errors.push({ file: l.file, field: 'skill', message: 'a skill lesson names its skill' });
    if (l.kind === 'stage' && !l.stage) errors.push({ file: l.file, field: 'stage', message: 'a stage lesson names its stage (1-7)' });
    l.sections.forEach((s, i) => {
      const size = s.heading.length + s.body.length + 8;
      if (size > LIMITS.lessonSection) {
        errors.push({ file: l.file, field: `section ${i + 1} (${s.heading || 'intro'})`, message: `${size} characters; split it under ${LIMITS.lessonSection}` });
      }
    });
  }
  const stages = new Set(lessons.filter((l) => l.kind === 'stage').map((l) => l.stage));
  for (let n = 1; n <= MINIMUMS.stages; n++) {
    if (!stages.has(n)) errors.push({ file: at('lessons'), field: `stage ${n}`, message: 'learning-path stage lesson is missing' });
  }

  for (const q of questions) {
    if (!lessonIds.has(q.lesson)) errors.push({ file: qFile(q.id), field: `${q.id}.lesson`, message: `no lesson with id "${q.lesson}"` });
    if (q.explanation.length < MIN_EXPLANATION_CHARS) {
      errors.push({ file: qFile(q.id), field: `${q.id}.explanation`, message: `explain why in at least ${MIN_EXPLANATION_CHARS} characters` });
    }
    const normalised = q.choices.map(normalise);
    if (new Set(normalised).size !== normalised.length) errors.push({ file: qFile(q.id), field: `${q.id}.choices`, message: 'two choices say the same thing' });
  }
  for (const id of SKILL_IDS) {
    const n = questions.filter((q) => q.skill === id).length;
    if (n < MINIMUMS.questionsPerSkill) {
      errors.push({ file: at('questions'), field: id, message: `${n} questions; the track needs at least ${MINIMUMS.questionsPerSkill} per skill` });
    }
  }
  errors.push(...nearDuplicateStems(questions, qFile));
  errors.push(...answerBalance(questions, at('questions')));

  for (const p of prompts) {
    if (!lessonIds.has(p.lesson)) errors.push({ file: pFile(p.id), field: `${p.id}.lesson`, message: `no lesson with id "${p.lesson}"` });
  }
  if (prompts.length < MINIMUMS.prompts) {
    errors.push({ file: at('prompts'), field: '', message: `${prompts.length} prompts; the track needs at least ${MINIMUMS.prompts}` });
  }
  for (const id of SKILL_IDS) {
    const n = prompts.filter((p) => p.skill === id).length;
    if (n < MINIMUMS.promptsPerSkill) {
      errors.push({ file: at('prompts'), field: id, message: `${n} interview prompts; every skill needs at least ${MINIMUMS.promptsPerSkill}` });
    }
  }

  const results = content.fitTest?.results ?? [];
  if (results.length > 0 && results[0]?.min !== 0) errors.push({ file: at('fit-test.yml'), field: 'results.0.min', message: 'the first result starts at 0' });
  results.forEach((r, i) => {
    const prev = results[i - 1];
    if (prev && r.min <= prev.min) errors.push({ file: at('fit-test.yml'), field: `results.${i}.min`, message: 'results are listed by rising min score' });
  });
  return errors;
}

export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function wordSet(text: string): Set<string> {
  return new Set(normalise(text).split(' ').filter((w) => w.length > 2));
}

export function similarity(a: string, b: string): number {
  return overlap(wordSet(a), wordSet(b));
}

function overlap(wa: Set<string>, wb: Set<string>): number {
  if (wa.size === 0 || wb.size === 0) return 0;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / (wa.size + wb.size - shared);
}

function nearDuplicateStems(questions: Content['questions'], file: (id: string) => string): ContentError[] {
  const errors: ContentError[] = [];
  const words = questions.map((q) => wordSet(q.stem));
  for (let i = 0; i < questions.length; i++) {
    for (let j = i + 1; j < questions.length; j++) {
      const a = questions[i]!;
      const b = questions[j]!;
      const s = overlap(words[i]!, words[j]!);
      if (s >= NEAR_DUPLICATE_SIMILARITY) {
        errors.push({ file: file(b.id), field: `${b.id}.stem`, message: `near-duplicate of ${a.id} (${Math.round(s * 100)}% the same words)` });
      }
    }
  }
  return errors;
}

/** Where the correct choice sits must not give it away: no favourite position, not usually the longest. */
export function answerStats(questions: Content['questions']): { positionShare: number[]; longestShare: number } {
  const positions = [0, 0, 0, 0, 0];
  let longest = 0;
  for (const q of questions) {
    positions[q.answer] = (positions[q.answer] ?? 0) + 1;
    const correctLength = q.choices[q.answer]?.length ?? 0;
    if (q.choices.every((c, i) => i === q.answer || c.length < correctLength)) longest++;
  }
  const n = Math.max(questions.length, 1);
  return { positionShare: positions.map((p) => p / n), longestShare: longest / n };
}

function answerBalance(questions: Content['questions'], file: string): ContentError[] {
  if (questions.length < 20) return [];
  const errors: ContentError[] = [];
  const { positionShare, longestShare } = answerStats(questions);
  positionShare.forEach((share, i) => {
    if (share > MAX_SHARE_OF_ONE_ANSWER_POSITION) {
      errors.push({
        file,
        field: `choice ${i + 1}`,
        message: `is the correct answer in ${Math.round(share * 100)}% of questions; keep every position under ${MAX_SHARE_OF_ONE_ANSWER_POSITION * 100}%`,
      });
    }
  });
  if (longestShare > MAX_SHARE_CORRECT_IS_LONGEST) {
    errors.push({
      file,
      field: 'choices',
      message: `the correct choice is the longest in ${Math.round(longestShare * 100)}% of questions; keep it under ${MAX_SHARE_CORRECT_IS_LONGEST * 100}%`,
    });
  }
  return errors;
}
