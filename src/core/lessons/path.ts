import type { Content } from '../content/loader.js';
import { normalise } from '../content/quality.js';
import type { Lesson } from '../content/schema.js';
import { UserError } from '../types.js';

const TAIL_KINDS = ['project', 'mistakes', 'checklist', 'drill', 'career'] as const;

/** The learning path: intro, each stage followed by its skills, then projects, mistakes, interview prep, career. */
export function learningPath(content: Content): Lesson[] {
  const byKind = (kind: string) => content.lessons.filter((l) => l.kind === kind).sort((a, b) => a.order - b.order);
  const path: Lesson[] = [...byKind('intro')];
  for (const stage of byKind('stage')) {
    path.push(stage);
    const skills = content.skills.filter((s) => s.stage === stage.stage).map((s) => s.lesson);
    path.push(...byKind('skill').filter((l) => skills.includes(l.id)));
  }
  for (const kind of TAIL_KINDS) path.push(...byKind(kind));
  for (const l of content.lessons) if (!path.includes(l)) path.push(l);
  return path;
}

/** A lesson by id, by its number in `/lesson list`, or by a unique fragment of its title. */
export function findLesson(content: Content, query: string): Lesson {
  const path = learningPath(content);
  const q = query.trim().toLowerCase();
  if (/^\d+$/.test(q)) {
    const byNumber = path[Number(q) - 1];
    if (byNumber) return byNumber;
    throw new UserError('LESSON_NOT_FOUND', `There is no lesson ${q}; the path has ${path.length}. See /lesson list.`);
  }
  const exact = path.find((l) => l.id === q);
  if (exact) return exact;
  const n = normalise(q);
  // A query of only punctuation normalises to "" and would match every lesson.
  const matches = n ? path.filter((l) => normalise(l.title).includes(n) || normalise(l.id).includes(n)) : [];
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new UserError('LESSON_AMBIGUOUS', `"${query.slice(0, 40)}" matches ${matches.length} lessons: ${matches.slice(0, 5).map((l) => l.id).join(', ')}. Use an id from /lesson list.`);
  }
  throw new UserError('LESSON_NOT_FOUND', `No lesson matches "${query.slice(0, 40)}". See /lesson list for ids and numbers.`);
}
