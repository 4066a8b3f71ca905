import type { CoreDeps } from '../command.js';
import type { Group, PostKind } from '../ports.js';
import { localDay } from '../time.js';
import type { MessageReply } from '../types.js';
import { buildDigestPost } from './digest-post.js';
import { buildDrillPost } from './drill-post.js';
import { buildReminderPost } from './reminder-post.js';

/** The channel post for one scheduled slot; the day it is for is the slot's local day in the group's zone. */
export function buildScheduledPost(deps: CoreDeps, group: Group, kind: PostKind, slot: Date): Promise<MessageReply> {
  switch (kind) {
    case 'drill':
      return buildDrillPost(deps, group, localDay(slot, group.timezone));
    case 'reminder':
      return buildReminderPost(deps, group, slot);
    case 'digest':
      return buildDigestPost(deps, group, slot);
  }
}
