import { describe, expect, it } from 'vitest';
import type { Group, Member } from '../../src/core/ports.js';
import { drillAnswers } from '../../src/db/schema.js';
import { PERSONAL_TABLES, rowCounts, TARGETS } from '../support/databases.js';
import { useHarness } from '../support/harness.js';
import { memberRows, questionIds, storeKit } from './kit.js';

describe.each(TARGETS)('store privacy on %s', (target) => {
  const h = useHarness(target);
  const kit = storeKit(h);

  /** Gives a member a row in every personal table, with their name in every text they wrote. */
  async function seed(m: Member, g: Group) {
    const [qid, examQid] = questionIds(h.content, 'medium', 2);
    const now = h.clock.now();
    const quiz = await kit.session(m.id, g.id, [qid!]);
    await h.store.recordAnswer(kit.answer(quiz, qid!));
    const exam = await kit.session(m.id, g.id, [examQid!], 'exam');
    await h.store.recordAnswer(kit.answer(exam, examQid!, { correct: false }));
    await h.store.saveExamResult({ sessionId: exam.id, memberId: m.id, scorePct: 0, passed: false, bySkill: [], finishedAt: now });
    await h.store.markLessonDone(m.id, 'stage-1-foundations', now, '2026-11-25');
    await h.store.recordInterviewAnswer(
      { memberId: m.id, groupId: g.id, promptId: h.content.prompts[0]!.id, day: '2026-11-25', text: `${m.userId} explains canaries`, covered: [0], scorePct: 25, points: 5, answeredAt: now },
      '2026-11-25',
    );
    await h.store.addGoal(m.id, '2026-W48', `${m.userId} finishes stage 1`, now, '2026-11-25', 5);
    await h.db.db.insert(drillAnswers).values({ memberId: m.id, groupId: g.id, day: '2026-11-25', questionId: qid!, choice: 0, correct: true, points: 3, answeredAt: now });
  }

  async function twoMembers() {
    const g = await kit.group();
    const [alice, bob] = [await kit.member('alice'), await kit.member('bob')];
    await seed(alice, g);
    await seed(bob, g);
    await h.store.dailyPick(g.id, 'question', '2026-11-25', ['q1', 'q2'], (c) => c[0]!);
    return { g, alice, bob };
  }

  const rowsOf = async (memberId: number) => Object.fromEntries(await Promise.all(PERSONAL_TABLES.map(async (t) => [t, await memberRows(h.db, t, memberId)] as const)));

  it('forgetMember deletes every personal row of that member and nothing of anyone else', async () => {
    const { alice, bob } = await twoMembers();
    const aliceBefore = await rowsOf(alice.id);
    const bobBefore = await rowsOf(bob.id);
    // The seed reaches every personal table, so the check below covers them all.
    expect(Object.entries(aliceBefore).filter(([, n]) => n === 0)).toEqual([]);
    const before = await rowCounts(h.db);

    await h.store.forgetMember(alice.id);

    expect(Object.values(await rowsOf(alice.id)).every((n) => n === 0)).toBe(true);
    expect(await rowsOf(bob.id)).toEqual(bobBefore);
    const after = await rowCounts(h.db);
    for (const table of Object.keys(before)) {
      const removed = (PERSONAL_TABLES as string[]).includes(table) ? aliceBefore[table]! : 0;
      expect(after[table], table).toBe(before[table]! - removed);
    }
  });

  it('lets a forgotten member start again from nothing', async () => {
    const { alice } = await twoMembers();
    await h.store.forgetMember(alice.id);
    const fresh = await kit.member('alice');
    expect(await h.store.totalPoints(fresh.id)).toBe(0);
    expect(await h.store.lessonsDone(fresh.id)).toEqual([]);
    expect(await h.store.listGoals(fresh.id, '2026-W48')).toEqual([]);
  });

  it('exportMember returns all of that member’s data and none of anyone else’s', async () => {
    const { alice, bob } = await twoMembers();
    const data = await h.store.exportMember(alice.id);
    const rows = await rowsOf(alice.id);
    expect(data.member).toMatchObject({ id: alice.id, userId: 'alice', workspaceId: 'T1', platform: 'console' });
    expect(data.sessions.length).toBe(rows.quiz_sessions);
    expect(data.answers.length).toBe(rows.answers);
    expect(data.examResults.length).toBe(rows.exam_attempts);
    expect(data.reviewCards.length).toBe(rows.review_cards);
    expect(data.lessonsDone.length).toBe(rows.lesson_progress);
    expect(data.interviewAnswers.length).toBe(rows.interview_answers);
    expect(data.drillAnswers.length).toBe(rows.drill_answers);
    expect(data.goals.length).toBe(rows.weekly_goals);
    expect(data.scoreEvents.length).toBe(rows.score_events);
    expect(data.activityDays.length).toBe(rows.activity_days);

    const sessionIds = new Set(data.sessions.map((s) => s.id));
    expect(data.sessions.every((s) => s.memberId === alice.id)).toBe(true);
    expect(data.answers.every((a) => sessionIds.has(a.sessionId))).toBe(true);
    expect(data.examResults.every((e) => e.memberId === alice.id && sessionIds.has(e.sessionId))).toBe(true);
    expect(data.interviewAnswers.every((a) => a.memberId === alice.id)).toBe(true);
    const json = JSON.stringify(data);
    expect(json).toContain('alice finishes stage 1');
    expect(json).not.toContain('bob');
    const bobSessions = (await h.store.exportMember(bob.id)).sessions.map((s) => s.id);
    expect(bobSessions.some((id) => sessionIds.has(id))).toBe(false);
  });
});
