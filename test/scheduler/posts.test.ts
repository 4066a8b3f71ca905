import { afterEach, describe, expect, it } from 'vitest';
import { buildScheduledPost } from '../../src/core/schedule/posts.js';
import { TARGETS } from '../support/databases.js';
import { seeded, textOf, useHarness } from '../support/harness.js';
import { answerQuestion, questionWhere } from '../support/points.js';
import { setup } from './kit.js';

const MONDAY_SLOT = new Date('2026-11-30T09:00:00Z'); // week 49
const WEDNESDAY_SLOT = new Date('2026-11-25T09:00:00Z'); // week 48

describe.each(TARGETS)('the goal reminder and weekly digest on %s', (target) => {
  const h = useHarness(target);
  afterEach(() => expect(h.errors).toEqual([]));

  async function build(kind: 'reminder' | 'digest', slot: Date) {
    const group = await h.store.ensureGroup('console', 'T1', 'C1');
    const post = await buildScheduledPost({ store: h.store, content: h.content, clock: h.clock, random: seeded(1), logger: { info() {}, warn() {}, error() {} } }, group, kind, slot);
    expect(post.visibility).toBe('channel');
    return post;
  }

  async function studyOn(user: string, iso: string, nth: number) {
    h.clock.set(iso);
    await answerQuestion(h, user, questionWhere(h, { difficulty: 'easy' }, nth).id, true);
  }

  it('the reminder lists this week’s goals and progress, nudges members without goals, and leaves out hidden members', async () => {
    await setup(h, 'time 09:00 tz UTC');
    await studyOn('Ann', '2026-11-23T10:00:00Z', 0);
    await studyOn('Bob', '2026-11-23T10:00:00Z', 1);
    await studyOn('Cy', '2026-11-23T10:00:00Z', 2);
    await h.cmd('Ann', '/goal set Finish the serving lesson');
    await h.cmd('Ann', '/goal set Practise canary rollouts');
    await h.cmd('Ann', '/goal done 1');
    await h.cmd('Cy', '/goal set A private goal');
    await h.cmd('Cy', '/study privacy on');
    await h.cmd('Dee', '/goal set Never studied in this channel');

    const post = await build('reminder', WEDNESDAY_SLOT);
    const text = textOf([post]);
    expect(post.title).toBe('Weekly goals · 2026-W48');
    expect(text).toContain('Ann** · 1 of 2');
    expect(text).toContain('- ✅ Finish the serving lesson');
    expect(text).toContain('- ⬜ Practise canary rollouts');
    expect(text).toContain('No goals yet this week:** Bob.');
    for (const hidden of ['Cy', 'A private goal', 'Dee']) expect(text).not.toContain(hidden);
    const bars = post.blocks.find((b) => b.type === 'bars');
    expect(bars).toEqual({ type: 'bars', title: 'Goals done so far', bars: [{ label: 'Ann', value: 1, max: 2 }] });
  });

  it('the reminder of a group nobody studied in asks to start', async () => {
    expect(textOf([await build('reminder', WEDNESDAY_SLOT)])).toContain('Nobody has studied here in the last four weeks');
  });

  it('the digest shows last week’s leaderboard, goals done, streak leaders and a call to set goals', async () => {
    await setup(h, 'time 09:00 tz UTC days mon-fri');
    for (let d = 0; d < 4; d++) await studyOn('Ann', `2026-11-${26 + d}T10:00:00Z`, d); // Thu–Sun: a 4-day streak
    await studyOn('Bob', '2026-11-24T10:00:00Z', 10);
    await studyOn('Bob', '2026-11-24T11:00:00Z', 11);
    h.clock.set('2026-11-27T12:00:00Z');
    await h.cmd('Bob', '/goal set Read the monitoring lesson');
    await h.cmd('Bob', '/goal done');
    await h.cmd('Ann', '/goal set Build the feature store project');
    await studyOn('Zed', '2026-11-30T08:00:00Z', 20); // this week: not on last week's board

    const post = await build('digest', MONDAY_SLOT);
    const text = textOf([post]);
    expect(post.title).toBe('Weekly digest · 2026-W49');
    expect(text).toContain('**Leaderboard 2026-W48**\n🥇 Ann · **40** pts\n🥈 Bob · **20** pts');
    expect(text).not.toContain('Zed ·');
    expect(text).toContain('**Goals last week:** 1 of 2 done by 2 members.\nEvery goal done: Bob 🎉');
    expect(text).toContain('**Streak leaders** 🔥\n- Ann · 4 days');
    expect(text).not.toContain('Bob · 1 days');
    expect(text).toContain('set up to 5 goals with /goal set <text>');
    expect(text).toContain('09:00 (UTC), Mon–Fri');
  });
});
