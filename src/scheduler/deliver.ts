import type { Logger } from '../core/command.js';
import { ChannelUnavailableError, type DueSlot, type Group, type Poster, type PostKind, type ScheduleSettings, type SlotKey, type Store } from '../core/ports.js';
import { nextSlot } from '../core/schedule/slots.js';
import type { MessageReply } from '../core/types.js';

export type Outcome = 'posted' | 'skipped' | 'busy' | 'failed' | 'paused';

export interface DeliverDeps {
  store: Store;
  logger: Logger;
  poster: Poster;
  compose: (group: Group, kind: PostKind, slot: Date) => Promise<MessageReply>;
  now: () => Date;
}

const KIND_CODE: Record<PostKind, string> = { digest: 'w', drill: 'd', reminder: 'r' };

/** Stable per (group, kind, slot) and at most 25 characters, the longest nonce Discord accepts. */
export const idempotencyKey = (k: SlotKey) => `g${k.groupId}:${KIND_CODE[k.kind]}:${Math.floor(k.slot.getTime() / 60_000).toString(36)}`;

export const keyOf = (d: SlotKey): SlotKey => ({ groupId: d.groupId, kind: d.kind, slot: d.slot });
export const settingsOf = (g: Group): ScheduleSettings => ({ timezone: g.timezone, postTime: g.postTime, days: g.days });
export const logFields = (d: DueSlot) => ({ groupId: d.groupId, platform: d.group.platform, channelId: d.group.channelId, kind: d.kind, slot: d.slot.toISOString() });

const PAUSE_REASON: Record<ChannelUnavailableError['reason'], string> = {
  not_found: 'the channel no longer exists or the bot was removed from it',
  forbidden: 'the bot is not allowed to post in the channel',
  archived: 'the channel is archived',
};

/**
 * Posts a slot this replica has claimed and records it. A failure leaves the claim to be retried
 * when its lease runs out; a channel that is gone or forbids posting pauses the group instead.
 * From the second attempt on, the post may already be on the platform (accepted, then a crash
 * before it was recorded): the poster is told to look for it before posting again.
 */
export async function postClaimed(deps: DeliverDeps, due: DueSlot, attempt = 1): Promise<Outcome> {
  const { store, logger, group } = { ...deps, group: due.group };
  const key = keyOf(due);
  const log = logFields(due);
  let messageId: string;
  try {
    const reply = await deps.compose(group, key.kind, key.slot);
    const channel = { platform: group.platform, workspaceId: group.workspaceId, channelId: group.channelId };
    ({ messageId } = await deps.poster.post(channel, reply, idempotencyKey(key), { retry: attempt > 1 }));
  } catch (err) {
    if (err instanceof ChannelUnavailableError) {
      const at = deps.now().toISOString().slice(0, 16).replace('T', ' ');
      await store.pauseGroup(group.id, `${PAUSE_REASON[err.reason]}, found at ${at} UTC`);
      await store.failSlot(key, `${err.reason}: ${err.message}`);
      logger.warn({ ...log, reason: err.reason, err: err.message }, 'channel unavailable: schedule paused');
      return 'paused';
    }
    logger.error({ ...log, err }, 'scheduled post failed; it is retried when its claim’s lease runs out');
    await store.failSlot(key, err instanceof Error ? err.message : String(err)).catch(() => undefined);
    return 'failed';
  }
  try {
    await store.completeSlot(key, messageId, deps.now(), nextSlot(settingsOf(group), key.kind, key.slot));
  } catch (err) {
    logger.error({ ...log, messageId, err }, 'scheduled post sent but not recorded; the retry after its lease finds it on the platform');
    return 'failed';
  }
  logger.info({ ...log, messageId, attempt }, 'scheduled post sent');
  return 'posted';
}
