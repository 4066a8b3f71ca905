import type { webApi } from '@slack/bolt';
import type { Logger } from '../../core/command.js';

export interface MemberInfo {
  displayName: string;
  /** Workspace admin or owner, or listed in SLACK_ADMIN_IDS. */
  organiser: boolean;
}

interface UserRecord {
  name?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  profile?: { display_name?: string; real_name?: string };
}

/**
 * Who a Slack user is, from users.info, cached per user for a few minutes so a quiz of clicks
 * costs one lookup. A failed lookup falls back to the name in the payload and SLACK_ADMIN_IDS.
 */
export function createMemberDirectory(opts: { client: webApi.WebClient; adminIds: string[]; logger: Logger; ttlMs?: number; now?: () => number }) {
  const ttl = opts.ttlMs ?? 5 * 60_000;
  const now = opts.now ?? Date.now;
  const admins = new Set(opts.adminIds);
  const cache = new Map<string, { info: Promise<MemberInfo>; expires: number }>();

  async function fetchInfo(userId: string, fallbackName: string): Promise<MemberInfo> {
    try {
      const result = (await opts.client.users.info({ user: userId })) as { user?: UserRecord };
      const u = result.user ?? {};
      const displayName = u.profile?.display_name || u.profile?.real_name || u.name || fallbackName;
      return { displayName, organiser: admins.has(userId) || Boolean(u.is_admin || u.is_owner || u.is_primary_owner) };
    } catch (err) {
      opts.logger.warn({ err, userId }, 'slack users.info failed; using the payload name');
      cache.delete(userId);
      return { displayName: fallbackName, organiser: admins.has(userId) };
    }
  }

  return {
    lookup(userId: string, fallbackName: string): Promise<MemberInfo> {
      const hit = cache.get(userId);
      if (hit && hit.expires > now()) return hit.info;
      const info = fetchInfo(userId, fallbackName);
      cache.set(userId, { info, expires: now() + ttl });
      return info;
    },
  };
}
