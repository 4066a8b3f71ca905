import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { LEVELS, PROMPT_TOPICS, SKILL_IDS, type SkillId } from '../../src/core/content/schema.js';

/** A question as written in a questions/*.yml file. */
export interface QuestionYaml {
  id: string;
  skill: string;
  difficulty: string;
  lesson: string;
  stem: string;
  choices: { text: string; correct?: boolean }[];
  explanation: string;
}

/** An interview prompt as written in a prompts/*.yml file. */
export interface PromptYaml {
  id: string;
  topic: string;
  level: string;
  skill: string;
  lesson: string;
  prompt: string;
  rubric: { point: string; keywords: string[] }[];
  modelOutline: string[];
  followUps: string[];
}

export interface FixtureData {
  /** Questions per file name under questions/ (one file per skill). */
  questions: Record<string, QuestionYaml[]>;
  /** Prompts per file name under prompts/. */
  prompts: Record<string, PromptYaml[]>;
  /** Raw files to write, by path relative to the fixture folder (e.g. `lessons/extra.md`). */
  files: Record<string, string>;
  /** Files copied from the real content to delete, relative to the fixture folder. */
  remove: string[];
}

export const QUESTIONS_PER_SKILL = 20;
export const PROMPTS_PER_SKILL = 5;
const REAL = resolve('content');
const created: string[] = [];

const skillLessons = (): Map<string, string> =>
  new Map((parse(readFileSync(join(REAL, 'skills.yml'), 'utf8')) as { id: string; lesson: string }[]).map((s) => [s.id, s.lesson]));

/** Four choices of equal length, so the correct one is never the longest; the correct position rotates. */
function question(skill: SkillId, k: number, n: number, lesson: string): QuestionYaml {
  const correct = n % 4;
  return {
    id: `${skill}-fx-${k}`,
    skill,
    difficulty: ['easy', 'easy', 'medium', 'medium', 'hard'][k % 5]!,
    lesson,
    stem: `Which option fits case t${n}a t${n}b t${n}c t${n}d t${n}e?`,
    choices: ['A', 'B', 'C', 'D'].map((letter, i) => ({ text: `Choice ${letter} for case ${n}`, ...(i === correct ? { correct: true } : {}) })),
    explanation: `Case ${n} is answered by choice ${'ABCD'[correct]} because the fixture says so, and this sentence is long enough.`,
  };
}

function prompt(skill: SkillId, k: number, lesson: string): PromptYaml {
  return {
    id: `prompt-${skill}-fx-${k}`,
    topic: PROMPT_TOPICS[k % PROMPT_TOPICS.length]!,
    level: LEVELS[k % LEVELS.length]!,
    skill,
    lesson,
    prompt: `Walk through fixture scenario ${k} for ${skill}.`,
    rubric: [1, 2, 3, 4].map((i) => ({ point: `Covers point ${i}`, keywords: [`keyword${i}`] })),
    modelOutline: ['First', 'Second', 'Third'],
    followUps: ['What next?'],
  };
}

/** Valid generated questions and prompts that meet every minimum and balance rule on their own. */
export function fixtureData(): FixtureData {
  const lessons = skillLessons();
  const questions: Record<string, QuestionYaml[]> = {};
  const prompts: PromptYaml[] = [];
  let n = 0;
  for (const skill of SKILL_IDS) {
    const lesson = lessons.get(skill)!;
    questions[`${skill}.yml`] = Array.from({ length: QUESTIONS_PER_SKILL }, (_, k) => question(skill, k, n++, lesson));
    for (let k = 0; k < PROMPTS_PER_SKILL; k++) prompts.push(prompt(skill, k, lesson));
  }
  return { questions, prompts: { 'fixture.yml': prompts }, files: {}, remove: [] };
}

/**
 * Writes a content folder in a temp dir: the real skills.yml, track.yml, fit-test.yml and lessons,
 * plus the generated questions and prompts, after `change` has had its way with them.
 */
export function buildFixture(change: (data: FixtureData) => void = () => {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'content-fixture-'));
  created.push(dir);
  for (const f of ['skills.yml', 'track.yml', 'fit-test.yml', 'lessons']) cpSync(join(REAL, f), join(dir, f), { recursive: true });
  const data = fixtureData();
  change(data);
  writeAll(dir, 'questions', data.questions);
  writeAll(dir, 'prompts', data.prompts);
  for (const [file, text] of Object.entries(data.files)) writeFileSync(join(dir, file), text);
  for (const file of data.remove) rmSync(join(dir, file));
  return dir;
}

function writeAll(dir: string, sub: string, files: Record<string, unknown[]>) {
  mkdirSync(join(dir, sub), { recursive: true });
  for (const [file, items] of Object.entries(files)) writeFileSync(join(dir, sub, file), stringify(items));
}

/** How readContent and content:check name a file of the fixture (relative to the working directory). */
export const shown = (dir: string, file: string) => relative(process.cwd(), join(dir, file));

export function removeFixtures() {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}
