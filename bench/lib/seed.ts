import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { rowsOf } from './scratch-db.js';

export interface SeededGroup {
  groupId: number;
  workspace: string;
  channel: string;
  /** Member ids are firstMemberId … firstMemberId + members - 1. */
  firstMemberId: number;
}

const SKILLS = ['foundations', 'pipelines', 'serving', 'registry', 'feature-store', 'versioning', 'cicd', 'containers', 'kubernetes', 'orchestration', 'observability', 'ml-monitoring', 'security'];

/**
 * A study group with `members` members who answered `answers` questions between `from` and `to`,
 * written straight into the real tables with generate_series: quiz sessions of 20 answers,
 * 70% of answers correct, each correct answer one score event (10, 15 or 20 points) in the ledger.
 * 1% of the members are hidden from leaderboards.
 */
export async function seedAnsweredGroup(db: Db, opts: { members: number; answers: number; from: Date; to: Date }): Promise<SeededGroup> {
  const workspace = 'TLEADER';
  const channel = 'CLEADER';
  const [ws] = await rowsOf<{ id: number }>(db, sql`insert into workspaces (platform, external_id) values ('slack', ${workspace}) returning id`);
  const [group] = await rowsOf<{ id: number }>(db, sql`insert into study_groups (workspace_id, channel_id) values (${ws!.id}, ${channel}) returning id`);
  const [first] = await rowsOf<{ id: number }>(
    db,
    sql`insert into members (workspace_id, user_id, display_name, hidden)
      select ${ws!.id}, 'UL' || i, 'Member ' || i, i % 100 = 0 from generate_series(0, ${opts.members - 1}) i
      returning id`,
  );
  const m0 = first!.id;
  const g = group!.id;
  const sessions = Math.ceil(opts.answers / 20);
  const spanMs = Math.max(1, opts.to.getTime() - opts.from.getTime());
  const from = opts.from.toISOString();
  // Written in one transaction without foreign-key triggers (session_replication_role = replica):
  // the rows are consistent by construction, and checking 1.7 million references would double the
  // time the seed takes without measuring anything.
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    // Session s belongs to member s % members; answer i is question i % 20 of session i / 20, at a time spread over [from, to).
    await tx.execute(sql`insert into quiz_sessions (id, member_id, group_id, kind, question_ids, status, created_at)
      select md5('s' || s)::uuid, ${m0} + s % ${opts.members}, ${g}, 'quiz', '[]'::jsonb, 'finished', ${from}::timestamptz
      from generate_series(0, ${sessions - 1}) s`);
    const answerRows = sql`select i, md5('s' || (i / 20))::uuid as session_id, 'q' || (i % 20) as question_id, ${m0} + (i / 20) % ${opts.members} as member_id,
        (array[${sql.join(SKILLS.map((s) => sql`${s}`), sql`, `)}]::text[])[1 + i % 13] as skill, i % 4 as choice, i % 10 < 7 as correct, (10 + 5 * (i % 3)) * (i % 10 < 7)::int as points,
        ${from}::timestamptz + ((i::bigint * 7919) % ${spanMs}) * interval '1 millisecond' as at
      from generate_series(0, ${opts.answers - 1}) i`;
    await tx.execute(sql`insert into answers (session_id, question_id, member_id, skill, choice, correct, points, answered_at)
      select session_id, question_id, member_id, skill, choice::smallint, correct, points, at from (${answerRows}) a`);
    await tx.execute(sql`insert into score_events (member_id, group_id, source, source_key, points, at)
      select member_id, ${g}, 'first-correct', 'seed:' || i, points, at from (${answerRows}) a where correct`);
  });
  await db.execute(sql`analyze`);
  return { groupId: g, workspace, channel, firstMemberId: m0 };
}
