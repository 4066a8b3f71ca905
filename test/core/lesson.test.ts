import { describe, expect, it } from 'vitest';
import { learningPath } from '../../src/core/lessons/path.js';
import type { Reply } from '../../src/core/types.js';
import { rowCounts, TARGETS } from '../support/databases.js';
import { actor, buttons, errorCode, messages, realContent, textOf, useHarness } from '../support/harness.js';

describe('the learning path', () => {
  const content = realContent();
  const path = learningPath(content);
  const at = (id: string) => path.findIndex((l) => l.id === id);

  it('holds every lesson once, starting with the introduction', () => {
    expect(path.map((l) => l.id).sort()).toEqual(content.lessons.map((l) => l.id).sort());
    expect(path[0]!.kind).toBe('intro');
  });

  it('puts each stage before its skill lessons, and those before the next stage', () => {
    const stages = path.filter((l) => l.kind === 'stage');
    expect(stages.map((s) => s.stage)).toEqual([...stages.map((s) => s.stage!)].sort((a, b) => a - b));
    for (const skill of content.skills) {
      const stage = stages.find((s) => s.stage === skill.stage)!;
      const nextStage = stages.find((s) => s.stage! > skill.stage);
      expect(at(skill.lesson), skill.id).toBeGreaterThan(at(stage.id));
      if (nextStage) expect(at(skill.lesson), skill.id).toBeLessThan(at(nextStage.id));
    }
    const lastStage = Math.max(...stages.map((s) => at(s.id)));
    for (const l of path.filter((x) => ['project', 'mistakes', 'checklist', 'drill', 'career'].includes(x.kind))) {
      expect(at(l.id), l.id).toBeGreaterThan(lastStage);
    }
  });
});

describe.each(TARGETS)('lesson on %s', (target) => {
  const h = useHarness(target);
  const path = learningPath(realContent());
  const memberId = async (name: string) => (await h.store.ensureMember(actor(name))).id;
  const titleOf = (replies: Reply[]) => messages(replies)[0]?.title ?? '';
  const heading = (i: number) => `Lesson ${i + 1} of ${path.length}: ${path[i]!.title}`;
  const markDone = (user: string, i: number) => h.click(user, `ldone:${path[i]!.id}`);

  it('/lesson and /lesson next start at the beginning of the path with a Mark done button', async () => {
    for (const text of ['/lesson', '/lesson next', '/Lesson NEXT']) {
      const replies = await h.cmd('alice', text);
      expect(titleOf(replies), text).toBe(heading(0));
      expect(buttons(replies).map((b) => b.label)).toEqual(['Mark done']);
    }
    expect(textOf(await h.cmd('alice', '/lesson'))).toContain(path[0]!.summary);
  });

  it('/lesson next follows the path and skips lessons already done', async () => {
    await markDone('alice', 0);
    await markDone('alice', 2);
    expect(titleOf(await h.cmd('alice', '/lesson next'))).toBe(heading(1));
    await markDone('alice', 1);
    expect(titleOf(await h.cmd('alice', '/lesson next'))).toBe(heading(3));
    // Another member's progress is their own.
    expect(titleOf(await h.cmd('bob', '/lesson next'))).toBe(heading(0));
  });

  it('says so when every lesson is done', async () => {
    const id = await memberId('alice');
    for (const l of path.slice(0, -1)) await h.store.markLessonDone(id, l.id, h.clock.now(), '2026-11-25');
    const last = await markDone('alice', path.length - 1);
    expect(textOf(last)).toContain(`(${path.length} of ${path.length})`);
    expect(textOf(last)).toContain('/exam');
    const next = await h.cmd('alice', '/lesson next');
    expect(textOf(next)).toContain('every lesson');
    expect(buttons(next)).toEqual([]);
  });

  it('/lesson list numbers the path and marks what is done', async () => {
    await markDone('alice', 1);
    await markDone('alice', 4);
    const lines = textOf(await h.cmd('alice', '/lesson list')).split('\n');
    path.forEach((l, i) => {
      const line = lines.find((x) => x.includes(`${i + 1}. ${l.title}`));
      expect(line, l.id).toBeDefined();
      expect(line).toContain(l.id);
      expect(line!.startsWith([1, 4].includes(i) ? '✅' : '⬜'), line).toBe(true);
    });
    expect(lines.join('\n')).toContain(`2 of ${path.length} done`);
  });

  it('opens a lesson by id, by its number in the list and by a unique part of its title', async () => {
    const fraud = path.findIndex((l) => l.id === 'project-fraud-detection-api');
    const cases: [string, number][] = [
      [`/lesson ${path[5]!.id}`, 5],
      [`/lesson ${path[5]!.id.toUpperCase()}`, 5],
      ['/lesson 3', 2],
      [`/lesson ${path.length}`, path.length - 1],
      ['/lesson fraud detection', fraud],
      ['/lesson   FRAUD   Detection ', fraud],
      ['/lesson kubernetes', path.findIndex((l) => l.title.toLowerCase().includes('kubernetes'))],
    ];
    for (const [text, i] of cases) expect(titleOf(await h.cmd('alice', text)), text).toBe(heading(i));
    const withTask = path.findIndex((l) => l.miniTask);
    const shown = textOf(await h.cmd('alice', `/lesson ${withTask + 1}`));
    expect(shown).toContain(path[withTask]!.miniTask!.title);
    expect(shown).toContain(path[withTask]!.miniTask!.acceptance[0]!);
  });

  it.each([
    ['/lesson 0', 'LESSON_NOT_FOUND'],
    [`/lesson ${path.length + 1}`, 'LESSON_NOT_FOUND'],
    ['/lesson astrology', 'LESSON_NOT_FOUND'],
    ['/lesson ???', 'LESSON_NOT_FOUND'],
    ['/lesson project', 'LESSON_AMBIGUOUS'],
    ['/lesson monitoring', 'LESSON_AMBIGUOUS'],
  ])('answers %s with %s', async (text, code) => {
    const replies = await h.cmd('alice', text);
    expect(errorCode(replies)).toBe(code);
    expect(h.errors).toEqual([]);
  });

  it('names the matches of an ambiguous title', async () => {
    const text = textOf(await h.cmd('alice', '/lesson project'));
    const projects = path.filter((l) => l.title.toLowerCase().includes('project') || l.id.includes('project'));
    expect(projects.length).toBeGreaterThan(1);
    expect(text).toContain(`matches ${projects.length} lessons`);
  });

  it('Mark done records one row however often it is clicked, and the lesson then shows as done', async () => {
    const action = `ldone:${path[3]!.id}`;
    const [a, b] = await Promise.all([h.click('alice', action), h.click('alice', action)]);
    const c = await h.click('alice', action);
    for (const r of [a!, b!, c]) expect(textOf(r)).toContain(`${path[3]!.title}** marked done (1 of ${path.length})`);
    const counts = await rowCounts(h.db);
    expect(counts.lesson_progress).toBe(1);
    expect(counts.activity_days).toBe(1);
    expect(counts.score_events).toBe(0);
    const view = await h.cmd('alice', `/lesson ${path[3]!.id}`);
    expect(textOf(view)).toContain('You marked this lesson done');
    expect(buttons(view)).toEqual([]);
  });

  it('counts Mark done as activity on the member’s own local day', async () => {
    const id = await memberId('alice');
    await h.store.setMemberTimezone(id, 'Asia/Tokyo');
    h.clock.set('2026-11-25T23:30:00Z'); // already the 26th in Tokyo
    await markDone('alice', 0);
    expect(await h.store.activityDays(id, '2026-11-01')).toEqual(['2026-11-26']);
  });

  it.each(['ldone:no-such-lesson', 'ldone', 'ldone:'])('rejects a forged Mark done %s and records nothing', async (action) => {
    expect(errorCode(await h.click('alice', action))).toBe('LESSON_NOT_FOUND');
    const counts = await rowCounts(h.db);
    expect(counts.lesson_progress).toBe(0);
    expect(counts.activity_days).toBe(0);
  });
});
