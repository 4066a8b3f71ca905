import { and, countDistinct, eq, sql } from 'drizzle-orm';
import type { Group, Member, Store } from '../../core/ports.js';
import type { Actor, Platform } from '../../core/types.js';
import type { Db } from '../client.js';
import { members, scoreEvents, studyGroups, workspaces } from '../schema.js';

type DirectoryStore = Pick<Store, 'ensureMember' | 'ensureGroup' | 'setMemberTimezone' | 'setMemberHidden' | 'countMembers'>;

export function directoryStore(db: Db): DirectoryStore {
  async function workspaceId(platform: Platform, externalId: string): Promise<number> {
    const found = await db.select({ id: workspaces.id }).from(workspaces).where(and(eq(workspaces.platform, platform), eq(workspaces.externalId, externalId)));
    if (found[0]) return found[0].id;
    await db.insert(workspaces).values({ platform, externalId }).onConflictDoNothing();
    const [row] = await db.select({ id: workspaces.id }).from(workspaces).where(and(eq(workspaces.platform, platform), eq(workspaces.externalId, externalId)));
    return row!.id;
  }

  return {
    async ensureMember(actor: Actor): Promise<Member> {
      const wsId = await workspaceId(actor.platform, actor.workspaceId);
      const [row] = await db
        .insert(members)
        .values({ workspaceId: wsId, userId: actor.userId, displayName: actor.displayName })
        .onConflictDoUpdate({
          target: [members.workspaceId, members.userId],
          set: { displayName: sql`excluded.display_name` },
        })
        .returning();
      return {
        id: row!.id,
        platform: actor.platform,
        workspaceId: actor.workspaceId,
        userId: row!.userId,
        displayName: row!.displayName,
        timezone: row!.timezone,
        hidden: row!.hidden,
        createdAt: row!.createdAt,
      };
    },

    async ensureGroup(platform: Platform, externalWorkspaceId: string, channelId: string): Promise<Group> {
      const wsId = await workspaceId(platform, externalWorkspaceId);
      const where = and(eq(studyGroups.workspaceId, wsId), eq(studyGroups.channelId, channelId));
      let [row] = await db.select().from(studyGroups).where(where);
      if (!row) {
        await db.insert(studyGroups).values({ workspaceId: wsId, channelId }).onConflictDoNothing();
        [row] = await db.select().from(studyGroups).where(where);
      }
      return {
        id: row!.id,
        platform,
        workspaceId: externalWorkspaceId,
        channelId,
        timezone: row!.timezone,
        postTime: row!.postTime,
        days: row!.days,
        paused: row!.paused,
        createdAt: row!.createdAt,
      };
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
