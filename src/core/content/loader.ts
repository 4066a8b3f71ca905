import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import matter from 'gray-matter';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import {
  fitTestSchema,
  lessonFrontMatterSchema,
  promptsFileSchema,
  questionsFileSchema,
  skillsFileSchema,
  trackSchema,
  type FitTest,
  type InterviewPrompt,
  type Lesson,
  type Question,
  type Skill,
  type Track,
} from './schema.js';
import { checkQuality } from './quality.js';

export interface Content {
  skills: Skill[];
  lessons: Lesson[];
  questions: Question[];
  prompts: InterviewPrompt[];
  fitTest: FitTest;
  track: Track;
}

export interface ContentError {
  file: string;
  field: string;
  message: string;
}

export class ContentInvalidError extends Error {
  constructor(readonly errors: ContentError[]) {
    super(`content is invalid (${errors.length} problem${errors.length === 1 ? '' : 's'}):\n${errors.map(formatContentError).join('\n')}`);
  }
}

export function formatContentError(e: ContentError): string {
  return `${e.file}: ${e.field ? `${e.field}: ` : ''}${e.message}`;
}

/** Loads and validates `content/`; throws ContentInvalidError naming every file and field at fault. */
export function loadContent(dir: string): Content {
  const result = readContent(dir);
  if (result.errors.length > 0) throw new ContentInvalidError(result.errors);
  return result.content as Content;
}

export function readContent(dir: string): { content: Partial<Content>; errors: ContentError[] } {
  const errors: ContentError[] = [];
  const name = (file: string) => relative(process.cwd(), file) || file;

  function parseWith<T>(file: string, raw: unknown, schema: z.ZodType<T>): T | undefined {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      errors.push({ file: name(file), field: issue.path.join('.'), message: issue.message });
    }
    return undefined;
  }

  function readYaml(file: string): unknown {
    try {
      return parseYaml(readFileSync(file, 'utf8'));
    } catch (err) {
      errors.push({ file: name(file), field: '', message: (err as Error).message.split('\n')[0] ?? 'unreadable' });
      return undefined;
    }
  }

  function yamlFiles(sub: string): string[] {
    try {
      return readdirSync(join(dir, sub))
        .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
        .sort()
        .map((f) => join(dir, sub, f));
    } catch {
      errors.push({ file: name(join(dir, sub)), field: '', message: 'folder is missing' });
      return [];
    }
  }

  const skills = parseWith(join(dir, 'skills.yml'), readYaml(join(dir, 'skills.yml')), skillsFileSchema) ?? [];
  const track = parseWith(join(dir, 'track.yml'), readYaml(join(dir, 'track.yml')), trackSchema);
  const fitTest = parseWith(join(dir, 'fit-test.yml'), readYaml(join(dir, 'fit-test.yml')), fitTestSchema);

  const questions: Question[] = [];
  const questionFiles = new Map<string, string>();
  for (const file of yamlFiles('questions')) {
    const items = parseWith(file, readYaml(file), questionsFileSchema) ?? [];
    for (const q of items) {
      questionFiles.set(q.id, name(file));
      questions.push({
        id: q.id,
        skill: q.skill,
        difficulty: q.difficulty,
        lesson: q.lesson,
        stem: q.stem,
        choices: q.choices.map((c) => c.text),
        answer: q.choices.findIndex((c) => c.correct === true),
        explanation: q.explanation,
      });
    }
  }

  const prompts: InterviewPrompt[] = [];
  const promptFiles = new Map<string, string>();
  for (const file of yamlFiles('prompts')) {
    for (const p of parseWith(file, readYaml(file), promptsFileSchema) ?? []) {
      promptFiles.set(p.id, name(file));
      prompts.push(p);
    }
  }

  const lessons: Lesson[] = [];
  let lessonFiles: string[] = [];
  try {
    lessonFiles = readdirSync(join(dir, 'lessons')).filter((f) => f.endsWith('.md')).sort();
  } catch {
    errors.push({ file: name(join(dir, 'lessons')), field: '', message: 'folder is missing' });
  }
  for (const f of lessonFiles) {
    const file = join(dir, 'lessons', f);
    let parsed: matter.GrayMatterFile<string>;
    try {
      parsed = matter(readFileSync(file, 'utf8'));
    } catch (err) {
      errors.push({ file: name(file), field: 'front matter', message: (err as Error).message.split('\n')[0] ?? 'unreadable' });
      continue;
    }
    const front = parseWith(file, parsed.data, lessonFrontMatterSchema);
    if (front) lessons.push({ ...front, sections: splitSections(parsed.content), file: name(file) });
  }
  lessons.sort((a, b) => a.kind.localeCompare(b.kind) || a.order - b.order);

  const content = { skills, lessons, questions, prompts, fitTest, track };
  errors.push(...checkQuality(content, { dir: name(dir), questionFiles, promptFiles }));
  return { content, errors };
}

/** Splits a lesson's Markdown at `## ` headings; text before the first heading becomes an untitled section. */
export function splitSections(markdown: string): { heading: string; body: string }[] {
  const sections: { heading: string; body: string }[] = [];
  let current = { heading: '', lines: [] as string[] };
  const flush = () => {
    const body = current.lines.join('\n').trim();
    if (body || current.heading) sections.push({ heading: current.heading, body });
  };
  for (const line of markdown.split('\n')) {
    const m = /^##\s+(.*)$/.exec(line);
    if (m) {
      flush();
      current = { heading: (m[1] ?? '').trim(), lines: [] };
    } else {
      current.lines.push(line);
    }
  }
  flush();
  return sections;
}
