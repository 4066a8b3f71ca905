import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { MemberExport } from '../../src/core/ports.js';
import type { FakeUser, ResponseUrlPost } from '../adapters/slack/fake-slack.js';
import { textOf } from '../adapters/slack/slack-driver.js';
import { useSlackApp } from '../adapters/slack/use-slack-app.js';
import { useHarness, type Harness } from '../support/harness.js';
import { answerDailyQuestion, answerDrill, markLessonDone, playExam, playQuiz, setUpGroup, slackScheduler } from './slack-study.js';

/**
 * /study export gives a member exactly their own data, and /study forget-me deletes every row about
 * them in every table, both through Slack. The tables are read from the database's own catalogue,
 * so a table added later is covered (or fails this test) without anyone remembering to add it here.
 */

const QUILL: FakeUser = { id: 'U0QUILLON', name: 'quillon', displayName: 'Quillonia' };
const VESPER: FakeUser = { id: 'U0VESPER', name: 'vesper', displayName: 'Vesperine' };
const SECRETS = { goal: 'QUILL-SECRET-GOAL finish the serving lesson', answer: 'QUILL-SECRET-ANSWER: I would roll out behind a canary, watch latency and drift, and roll back automatically.' };

/** Where each table's rows appear in the export. */
const EXPORTED: Record<string, keyof MemberExport> = {
  members: 'member',
  quiz_sessions: 'sessions',
  answers: 'answers',
  exam_attempts: 'examResults',
  review_cards: 'reviewCards',
  lesson_progress: 'lessonsDone',
  interview_answers: 'interviewAnswers',
  drill_answers: 'drillAnswers',
  weekly_goals: 'goals',
  score_events: 'scoreEvents',
  activity_days: 'activityDays',
};

/** Tables about members that hold only figures derived from exported rows (deleted with them, not exported twice). */
const DERIVED: Record<string, string> = {
  score_totals: 'per-period sums of score_events, for the leaderboards',
};

const rowsOf = <T>(result: unknown) => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
const count = async (h: Harness, query: string) => Number(rowsOf<{ n: number }>(await h.db.db.execute(sql.raw(query)))[0]!.n);

/** Every table with a member_id column, and members itself. */
async function memberTables(h: Harness): Promise<string[]> {
  const rows = rowsOf<{ table_name: string }>(
    await h.db.db.execute(sql`select table_name from information_schema.columns where table_schema = current_schema() and column_name = 'member_id' order by table_name`),
  );
  return ['members', ...rows.map((r) => r.table_name)];
}

async function rowsAbout(h: Harness, userId: string): Promise<Record<string, number>> {
  const [member] = rowsOf<{ id: number }>(await h.db.db.execute(sql`select id from members where user_id = ${userId}`));
  const id = member?.id ?? -1;
  const counts: Record<string, number> = {};
  for (const t of await memberTables(h)) counts[t] = await count(h, `select count(*)::int as n from ${t} where ${t === 'members' ? 'id' : 'member_id'} = ${id}`);
  return counts;
}

/** Rows of any table whose text mentions one of `needles` (catches copies without a member_id). */
async function mentions(h: Harness, needles: string[]): Promise<Record<string, number>> {
  const tables = rowsOf<{ table_name: string }>(await h.db.db.execute(sql`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`));
  const where = needles.map((n) => `x::text like '%${n.replace(/'/g, "''")}%'`).join(' or ');
  const found: Record<string, number> = {};
  for (const { table_name: t } of tables) {
    const n = await count(h, `select count(*)::int as n from ${t} x where ${where}`);
    if (n > 0) found[t] = n;
  }
  return found;
}

/** The JSON of /study export, put back together from the code blocks of every message it came in. */
function exported(posts: ResponseUrlPost[]): MemberExport | undefined {
  const sections = posts.flatMap((p) => (p.body.blocks ?? []).map((b: { text?: { text?: string } }) => b.text?.text ?? ''));
  const code = sections.flatMap((t) => [...t.matchAll(/```\n([\s\S]*?)\n```/g)].map((m) => m[1])).join('\n');
  try {
    return JSON.parse(code.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')) as MemberExport;
  } catch {
    return undefined;
  }
}

describe('privacy through Slack: export and forget-me', () => {
  const h = useHarness('pglite');
  const s = useSlackApp(h, { postIntervalMs: 0 });

  it('exports exactly the member’s rows, then forget-me deletes every one of them and nothing of anyone else', async () => {
    for (const u of [QUILL, VESPER]) s.fake.addUser(u);
    await setUpGroup(s);
    h.clock.set('2026-11-26T09:00:00Z');
    await slackScheduler(h, s).tick();
    h.clock.set('2026-11-26T10:00:00Z');
    for (const u of [QUILL, VESPER]) {
      await playQuiz(h, s, u, 2, 1);
      await answerDailyQuestion(h, s, u, true);
      await s.driver.commandReply(u, '/goal', u === QUILL ? `set ${SECRETS.goal}` : 'set Vesper reads the monitoring lesson');
    }
    await playExam(h, s, QUILL);
    await markLessonDone(s, QUILL);
    await answerDrill(s, QUILL, SECRETS.answer);
    await s.driver.commandReply(QUILL, '/study', 'timezone Europe/Berlin');
    await s.driver.commandReply(QUILL, '/study', 'privacy on');

    const quill = await rowsAbout(h, QUILL.id);
    const vesper = await rowsAbout(h, VESPER.id);
    // The flow above reaches every table about members, so the checks below cover them all.
    expect(Object.entries(quill).filter(([, n]) => n === 0)).toEqual([]);
    // Every table about members is exported or derived from what is.
    expect(Object.keys(quill).filter((t) => !(t in EXPORTED) && !(t in DERIVED))).toEqual([]);
    expect(Object.keys(EXPORTED).filter((t) => !(t in quill))).toEqual([]);

    // Export: every row of every table, and only the member's.
    const sent = await s.driver.command(QUILL, '/study', 'export');
    const data = await s.fake.waitFor(() => exported(s.fake.responsesTo(sent.responseId!)), 'the whole export');
    for (const [table, key] of Object.entries(EXPORTED)) {
      const value = data[key];
      expect({ table, rows: Array.isArray(value) ? value.length : 1 }).toEqual({ table, rows: quill[table] });
    }
    const [member] = rowsOf<{ id: number }>(await h.db.db.execute(sql`select id from members where user_id = ${QUILL.id}`));
    expect(data.member).toMatchObject({ id: member!.id, userId: QUILL.id, displayName: 'Quillonia', timezone: 'Europe/Berlin', hidden: true });
    const answerKeys = rowsOf<{ k: string }>(await h.db.db.execute(sql`select session_id || ':' || question_id as k from answers where member_id = ${member!.id}`)).map((r) => r.k);
    expect(data.answers.map((a) => `${a.sessionId}:${a.questionId}`).sort()).toEqual(answerKeys.sort());
    const [points] = rowsOf<{ n: number }>(await h.db.db.execute(sql`select sum(points)::int as n from score_events where member_id = ${member!.id}`));
    expect(data.scoreEvents.reduce((n, e) => n + e.points, 0)).toBe(points!.n);
    expect(data.goals.map((g) => g.text)).toEqual([SECRETS.goal]);
    expect(data.interviewAnswers.map((a) => a.text)).toEqual([SECRETS.answer]);
    const json = JSON.stringify(data);
    for (const other of ['Vesperine', VESPER.id, 'Vesper reads']) expect(json).not.toContain(other);

    // Forget-me, confirmed in its modal.
    const asked = await s.driver.command(QUILL, '/study', 'forget-me');
    const view = (await s.fake.apiCall('views.open', (c) => JSON.parse(c.args.view.private_metadata).f === 'forget')).args.view;
    expect((await s.driver.submit(QUILL, view, { confirm: 'DELETE' })).status).toBe(200);
    expect(textOf((await s.fake.responseFor(asked.responseId!)).body)).toContain('All your data is deleted');

    const after = await rowsAbout(h, QUILL.id);
    expect(Object.values(after).every((n) => n === 0)).toBe(true);
    expect(await rowsAbout(h, VESPER.id)).toEqual(vesper);
    expect(await mentions(h, [QUILL.id, 'Quillonia', 'QUILL-SECRET'])).toEqual({});
    const removed = Object.values(quill).reduce((n, v) => n + v, 0);
    console.info(`privacy: export matched ${Object.keys(EXPORTED).length} tables row for row; forget-me removed ${removed} rows in ${Object.keys(quill).length} tables (${Object.entries(quill).map(([t, n]) => `${t} ${n}`).join(', ')}); 0 left, the other member's ${Object.values(vesper).reduce((n, v) => n + v, 0)} rows untouched`);
  });
});
