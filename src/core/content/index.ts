import type { Content } from './loader.js';
import type { InterviewPrompt, Lesson, Question } from './schema.js';

interface Index {
  questions: Map<string, Question>;
  prompts: Map<string, InterviewPrompt>;
  lessons: Map<string, Lesson>;
}
const cache = new WeakMap<Content, Index>();

function index(content: Content): Index {
  let idx = cache.get(content);
  if (!idx) {
    idx = {
      questions: new Map(content.questions.map((q) => [q.id, q])),
      prompts: new Map(content.prompts.map((p) => [p.id, p])),
      lessons: new Map(content.lessons.map((l) => [l.id, l])),
    };
    cache.set(content, idx);
  }
  return idx;
}

export const questionById = (c: Content, id: string) => index(c).questions.get(id);
export const promptById = (c: Content, id: string) => index(c).prompts.get(id);
export const lessonById = (c: Content, id: string) => index(c).lessons.get(id);
