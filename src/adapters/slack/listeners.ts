import type { App } from '@slack/bolt';
import pLimit from 'p-limit';
import type { Logger } from '../../core/command.js';
import { message, text } from '../../core/command.js';
import type { Core } from '../../core/core.js';
import type { Invocation, MessageReply } from '../../core/types.js';
import { deliveryKey, type createDeliveryDedupe } from './dedupe.js';
import { homeView } from './home.js';
import type { createMemberDirectory } from './members.js';
import { decodeOrigin, FORM_CALLBACK_ID, readSubmission } from './modal.js';
import type { Deliver, ReplyTarget } from './replies.js';

export interface ListenerDeps {
  core: Core;
  members: ReturnType<typeof createMemberDirectory>;
  deliver: Deliver;
  dedupe: ReturnType<typeof createDeliveryDedupe>;
  logger: Logger;
  /** Keeps the work after an ack visible to stop(). */
  track<T>(work: Promise<T>): Promise<T>;
  /** Invocations of the core running at once after acks; default FOLLOW_UPS_AT_ONCE. */
  followUpsAtOnce?: number;
  /** Follow-ups waiting beyond which a new one is answered BUSY at once; default FOLLOW_UP_BACKLOG. */
  followUpBacklog?: number;
  /** How many wait, whenever that changes (for metrics). */
  onWaiting?: (waiting: number) => void;
  onBusy?: () => void;
}

/**
 * The core's work after an ack runs this many at a time: under a burst, new requests are acknowledged
 * promptly (Slack allows 3 seconds) instead of waiting for the event loop behind hundreds of
 * commands in progress, and the database sees a steady load. The rest wait their turn.
 */
export const FOLLOW_UPS_AT_ONCE = 16;
/** Beyond this many waiting (a minute or more of work), a new command is refused rather than queued. */
export const FOLLOW_UP_BACKLOG = 5000;

const BUSY: MessageReply = {
  ...message([text('⏳ I have too much to do right now and did not run that, so nothing was recorded. Please try again in a minute. _(BUSY)_')]),
  errorCode: 'BUSY',
};

type What = { kind: 'command'; text: string } | { kind: 'action'; actionId: string } | { kind: 'submit'; formId: string; fields: Record<string, string> };

interface Who {
  teamId: string;
  userId: string;
  fallbackName: string;
  channelId: string;
}

/**
 * Every Slack entry point: each acknowledges first (Slack waits 3 seconds at most), then turns
 * the payload into an Invocation, asks the core, and delivers the replies.
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  const { core, members, deliver, dedupe, logger, track } = deps;
  const followUps = pLimit(deps.followUpsAtOnce ?? FOLLOW_UPS_AT_ONCE);
  const backlog = deps.followUpBacklog ?? FOLLOW_UP_BACKLOG;

  async function invocation(who: Who, what: What): Promise<Invocation> {
    const member = await members.lookup(who.userId, who.fallbackName);
    const actor = { platform: 'slack' as const, workspaceId: who.teamId, userId: who.userId, displayName: member.displayName };
    return { ...what, actor, channelId: who.channelId, organiser: member.organiser };
  }

  async function run(who: Who, what: What, target: ReplyTarget): Promise<void> {
    const reply = async (work: () => Promise<void>) => {
      try {
        await work();
      } catch (err) {
        logger.error({ err, kind: what.kind, userId: who.userId }, 'slack reply failed');
      }
    };
    if (followUps.pendingCount >= backlog) {
      logger.warn({ waiting: followUps.pendingCount, kind: what.kind }, 'slack follow-ups backlogged; answered BUSY');
      deps.onBusy?.();
      await track(reply(() => deliver([BUSY], target)));
      return;
    }
    // Only the core's work is bounded; delivering its replies is mostly waiting on Slack.
    const work = followUps(async () => {
      deps.onWaiting?.(followUps.pendingCount);
      return core.handle(await invocation(who, what));
    });
    deps.onWaiting?.(followUps.pendingCount);
    await track(reply(async () => deliver(await work, target)));
  }

  // A repeated delivery (retry header, redelivery, replayed trigger) is acknowledged and dropped.
  app.use(async (args) => {
    const key = deliveryKey(args.body as unknown as Record<string, unknown>);
    if (key && dedupe.isRepeat(key)) {
      logger.info({ key, retryNum: args.context.retryNum }, 'slack delivery repeated; acknowledged and dropped');
      const { ack } = args as { ack?: () => Promise<void> };
      if (ack) await ack();
      return;
    }
    await args.next();
  });

  // Every slash command (/quiz, /study quiz, …): the core reads "/<command> <text>".
  app.command(/^\/\S+$/, async ({ command, ack, respond }) => {
    await ack();
    const who = { teamId: command.team_id, userId: command.user_id, fallbackName: command.user_name, channelId: command.channel_id };
    await run(who, { kind: 'command', text: `${command.command} ${command.text ?? ''}`.trim() }, {
      userId: command.user_id,
      channelId: command.channel_id,
      triggerId: command.trigger_id,
      responseUrl: command.response_url,
      respond,
    });
  });

  // Buttons carry the core's action id in `value`.
  app.action({ type: 'block_actions' }, async ({ action, body, ack, respond }) => {
    await ack();
    if (action.type !== 'button') return;
    const channelId = body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id ?? body.user.id;
    const who = { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id, fallbackName: body.user.name ?? body.user.id, channelId };
    await run(who, { kind: 'action', actionId: action.value ?? action.action_id }, {
      userId: body.user.id,
      channelId,
      triggerId: body.trigger_id,
      // Clicks in a modal or the Home tab come without a response_url (Bolt's respond() would fail).
      ...(body.response_url ? { responseUrl: body.response_url, respond } : {}),
    });
  });

  // A modal submitted: lengths checked here keep the modal open with the text; then the core.
  app.view({ callback_id: FORM_CALLBACK_ID, type: 'view_submission' }, async ({ view, body, ack }) => {
    const origin = decodeOrigin(view.private_metadata);
    const { fields, errors } = readSubmission(view);
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const userId = body.user.id;
    if (!origin) {
      logger.warn({ userId }, 'slack modal without readable private_metadata');
      return;
    }
    const who = { teamId: body.team?.id ?? body.user.team_id ?? '', userId, fallbackName: body.user.name, channelId: origin.channelId };
    await run(who, { kind: 'submit', formId: origin.formId, fields }, { userId, channelId: origin.channelId, ...(origin.responseUrl ? { responseUrl: origin.responseUrl } : {}) });
  });

  // The App Home tab shows the member's progress (events are acknowledged by Bolt before this runs).
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    await track(
      (async () => {
        try {
          const who = { teamId: body.team_id, userId: event.user, fallbackName: event.user, channelId: event.channel };
          const replies = await core.handle(await invocation(who, { kind: 'command', text: '/progress' }));
          await client.views.publish({ user_id: event.user, view: homeView(replies) });
        } catch (err) {
          logger.error({ err, userId: event.user }, 'slack app home failed');
        }
      })(),
    );
  });
}
