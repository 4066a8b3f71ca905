import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatContentError, readContent, type Content } from '../../src/core/content/loader.js';
import { SKILL_IDS } from '../../src/core/content/schema.js';

/** The track's promises about the real `content/` folder (see the seed and DESIGN.md §6). */
const { content: partial, errors } = readContent(resolve('content'));
const content = partial as Content;
const share = (n: number, total: number) => n / total;

describe('the real content', () => {
  it('loads with no errors', () => {
    expect(errors.map(formatContentError)).toEqual([]);
  });

  it('has every one of the 13 skills once', () => {
    expect(content.skills.map((s) => s.id).sort()).toEqual([...SKILL_IDS].sort());
  });

  it('has at least 260 questions and at least 20 per skill', () => {
    expect(content.questions.length).toBeGreaterThanOrEqual(260);
    const short = SKILL_IDS.filter((id) => content.questions.filter((q) => q.skill === id).length < 20);
    expect(short).toEqual([]);
  });

  it('spreads difficulty about 40/40/20', () => {
    const total = content.questions.length;
    const count = (d: string) => content.questions.filter((q) => q.difficulty === d).length;
    expect(count('easy') + count('medium') + count('hard')).toBe(total);
    for (const d of ['easy', 'medium']) {
      expect(share(count(d), total), d).toBeGreaterThanOrEqual(0.3);
      expect(share(count(d), total), d).toBeLessThanOrEqual(0.5);
    }
    expect(share(count('hard'), total)).toBeGreaterThanOrEqual(0.1);
    expect(share(count('hard'), total)).toBeLessThanOrEqual(0.3);
  });

  it('has at least 60 interview prompts, at least 3 per skill, each with 4 to 8 rubric points', () => {
    expect(content.prompts.length).toBeGreaterThanOrEqual(60);
    const thin = SKILL_IDS.filter((id) => content.prompts.filter((p) => p.skill === id).length < 3);
    expect(thin).toEqual([]);
    const badRubric = content.prompts.filter((p) => p.rubric.length < 4 || p.rubric.length > 8).map((p) => p.id);
    expect(badRubric).toEqual([]);
  });

  it('has the 7 learning-path stages, a lesson per skill and 5 project lessons', () => {
    const stages = content.lessons.filter((l) => l.kind === 'stage').map((l) => l.stage);
    expect(stages.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const skillLessons = content.lessons.filter((l) => l.kind === 'skill').map((l) => l.skill);
    expect(skillLessons.sort()).toEqual([...SKILL_IDS].sort());
    const lessonIds = new Set(content.lessons.map((l) => l.id));
    expect(content.skills.filter((s) => !lessonIds.has(s.lesson)).map((s) => s.id)).toEqual([]);
    expect(content.lessons.filter((l) => l.kind === 'project')).toHaveLength(5);
  });

  it('has exactly one correct choice per question and 3 to 5 choices', () => {
    const bad = content.questions.filter((q) => q.choices.length < 3 || q.choices.length > 5 || q.answer < 0 || q.answer >= q.choices.length);
    expect(bad.map((q) => q.id)).toEqual([]);
  });

  it('puts the correct answer in no position more than 35% of the time', () => {
    const total = content.questions.length;
    for (let pos = 0; pos < 5; pos++) {
      const n = content.questions.filter((q) => q.answer === pos).length;
      expect(share(n, total), `position ${pos + 1}`).toBeLessThanOrEqual(0.35);
    }
  });

  it('makes the correct choice the strictly longest in at most 40% of questions', () => {
    const longest = content.questions.filter((q) => {
      const len = q.choices[q.answer]!.length;
      return q.choices.every((c, i) => i === q.answer || c.length < len);
    });
    expect(share(longest.length, content.questions.length)).toBeLessThanOrEqual(0.4);
  });

  it('keeps every button label (answer choices and fit-test options) within 75 characters', () => {
    const labels = [...content.questions.flatMap((q) => q.choices), ...content.fitTest.questions.flatMap((q) => q.options.map((o) => o.text))];
    expect(labels.length).toBeGreaterThan(content.questions.length * 3);
    expect(labels.filter((l) => l.length > 75)).toEqual([]);
  });

  it('keeps every lesson section, as shown, within 2900 characters', () => {
    const shownText = (s: { heading: string; body: string }) => (s.heading ? `**${s.heading}**\n${s.body}` : s.body);
    const tooLong = content.lessons.flatMap((l) => l.sections.filter((s) => shownText(s).length > 2900).map((s) => `${l.id}: ${s.heading}`));
    expect(tooLong).toEqual([]);
    expect(content.lessons.every((l) => l.sections.length > 0)).toBe(true);
  });

  it('points every question and prompt at a lesson that exists', () => {
    const lessonIds = new Set(content.lessons.map((l) => l.id));
    expect(content.questions.filter((q) => !lessonIds.has(q.lesson)).map((q) => q.id)).toEqual([]);
    expect(content.prompts.filter((p) => !lessonIds.has(p.lesson)).map((p) => p.id)).toEqual([]);
  });

  it('uses unique ids for questions, prompts and lessons', () => {
    for (const ids of [content.questions.map((q) => q.id), content.prompts.map((p) => p.id), content.lessons.map((l) => l.id)]) {
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});
