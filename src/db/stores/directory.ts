import { and, countDistinct, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Group, Member, Store } from '../../core/ports.js';
import type { Actor, Platform } from '../../core/types.js';
import type { Db } from '../client.js';
import { members, scoreEvents, studyGroups, workspaces } from '../schema.js';

type DirectoryStore = Pick<Store, 'ensureMember' | 'ensureGroup' | 'setMemberTimezone' | 'setMemberHidden' | 'countMembers'>;

type MemberRow = typeof members.$inferSelect;
type GroupRow = typeof studyGroups.$inferSelect;

const toMember = (actor: Actor, row: MemberRow): Member => ({
  id: row.id,
  platform: actor.platform,
  workspaceId: actor.workspaceId,
  userId: row.userId,
  displayName: row.displayName,
  timezone: row.timezone,
  hidden: row.hidden,
  createdAt: row.createdAt,
});

const toGroup = (platform: Platform, workspaceId: string, row: GroupRow): Group => ({
  id: row.id,
  platform,
  workspaceId,
  channelId: row.channelId,
  timezone: row.timezone,
  postTime: row.postTime,
  days: row.days,
  paused: row.paused,
  createdAt: row.createdAt,
});

export function directoryStore(db: Db): DirectoryStore {
  // Every invocation reads its member and group: one prepared query each when they exist already.
  const inWorkspace = and(eq(workspaces.platform, sql.placeholder('platform')), eq(workspaces.externalId, sql.placeholder('workspace')));
  const memberByKey = db
    .select(getTableColumns(members))
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .where(and(inWorkspace, eq(members.userId, sql.placeholder('user'))))
    .prepare('member_by_key');
  const groupByKey = db
    .select(getTableColumns(studyGroups))
    .from(studyGroups)
    .innerJoin(workspaces, eq(workspaces.id, studyGroups.workspaceId))
    .where(and(inWorkspace, eq(studyGroups.channelId, sql.placeholder('channel'))))
    .prepare('group_by_key');

  async function workspaceId(platform: Platform, externalId: string): Promise<number> {
    const found = await db.select({ id: workspaces.id }).from(workspaces).where(and(eq(workspaces.platform, platform), eq(workspaces.externalId, externalId)));
    if (found[0]) return found[0].id;
    await db.insert(workspaces).values({ platform, externalId }).onConflictDoNothing();
    const [row] = await db.select({ id: workspaces.id }).from(workspaces).where(and(eq(workspaces.platform, platform), eq(workspaces.externalId, externalId)));
    return row!.id;
  }

  return {
    async ensureMember(actor: Actor): Promise<Member> {
      const [known] = await memberByKey.execute({ platform: actor.platform, workspace: actor.workspaceId, user: actor.userId });
      if (known && known.displayName === actor.displayName) return toMember(actor, known);
      const wsId = await workspaceId(actor.platform, actor.workspaceId);
      const [row] = await db
        .insert(members)
        .values({ workspaceId: wsId, userId: actor.userId, displayName: actor.displayName })
        .onConflictDoUpdate({
          target: [members.workspaceId, members.userId],
          set: { displayName: sql`excluded.display_name` },
        })
        .returning();
      return toMember(actor, row!);
    },

    async ensureGroup(platform: Platform, externalWorkspaceId: string, channelId: string): Promise<Group> {
      const [known] = await groupByKey.execute({ platform, workspace: externalWorkspaceId, channel: channelId });
      if (known) return toGroup(platform, externalWorkspaceId, known);
      const wsId = await workspaceId(platform, externalWorkspaceId);
      await db.insert(studyGroups).values({ workspaceId: wsId, channelId }).onConflictDoNothing();
      const [row] = await db.select().from(studyGroups).where(and(eq(studyGroups.workspaceId, wsId), eq(studyGroups.channelId, channelId)));
      return toGroup(platform, externalWorkspaceId, row!);
    },

    async setMemberTimezone(memberId, timezone) {
      await db.update(members).set({ timezone }).where(eq(members.id, memberId));
    },

    async setMemberHidden(memberId, hidden) {
      await db.update(members).set({ hidden }).where(eq(members.id, memberId));
    },

    async countMembers(groupId) {
      const [row] = await db.select({ n: countDistinct(scoreEvents.memberId) }).from(scoreEvents).where(eq(scoreEvents.groupId, groupId));
      return row?.n ?? 0;
    },
  };
}
