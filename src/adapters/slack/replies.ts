import type { webApi } from '@slack/bolt';
import type { Logger } from '../../core/command.js';
import type { FormReply, MessageReply, Reply } from '../../core/types.js';
import { isChannelProblem, withRateLimitRetry, type Sleep } from './api-errors.js';
import { packMessages, type SlackMessage } from './blocks.js';
import { formView } from './modal.js';
import { respondVia, type Respond } from './respond.js';

export type { Respond };

/** Where the answer to one invocation goes. */
export interface ReplyTarget {
  userId: string;
  channelId: string;
  /** From a slash command or a click: lets a form open as a modal (valid 3 seconds). */
  triggerId?: string;
  /** The invocation's response_url, where its replies go (kept in a modal so its result can be answered the same way). */
  responseUrl?: string;
  /** Used only without a responseUrl. */
  respond?: Respond;
}

/** Slack accepts 5 posts per response_url; the rest of a long answer goes through chat.postEphemeral. */
const RESPOND_BUDGET = 4;

const notice = (text: string): MessageReply => ({ type: 'message', visibility: 'ephemeral', blocks: [{ type: 'text', text }] });

/**
 * Renders the core's replies for one invocation and sends them: ephemeral ones through
 * respond() (then chat.postEphemeral, then a direct message when the bot is not in the
 * channel), channel ones through chat.postMessage, forms as modals through views.open.
 */
export function createReplier(deps: { client: webApi.WebClient; logger: Logger; sleep: Sleep }) {
  const { client, logger, sleep } = deps;
  const call = <T>(fn: () => Promise<T>) => withRateLimitRetry(fn, sleep);

  return async function deliver(replies: Reply[], target: ReplyTarget): Promise<void> {
    let responds = 0;
    const respond = target.responseUrl ? respondVia(target.responseUrl) : target.respond;

    async function tryRespond(message: SlackMessage, responseType: 'ephemeral' | 'in_channel'): Promise<boolean> {
      if (!respond || responds >= RESPOND_BUDGET) return false;
      responds += 1;
      try {
        await respond({ response_type: responseType, replace_original: false, text: message.text, blocks: message.blocks });
        return true;
      } catch (err) {
        logger.warn({ err }, 'slack respond() failed; posting through the Web API');
        return false;
      }
    }

    async function toMember(message: SlackMessage): Promise<void> {
      if (await tryRespond(message, 'ephemeral')) return;
      try {
        await call(() => client.chat.postEphemeral({ channel: target.channelId, user: target.userId, text: message.text, blocks: message.blocks }));
      } catch (err) {
        if (!isChannelProblem(err)) throw err;
        // Not in that channel: the app's direct message with the member still reaches them.
        await call(() => client.chat.postMessage({ channel: target.userId, text: message.text, blocks: message.blocks }));
      }
    }

    async function toChannel(message: SlackMessage): Promise<void> {
      try {
        await call(() => client.chat.postMessage({ channel: target.channelId, text: message.text, blocks: message.blocks, unfurl_links: false }));
      } catch (err) {
        if (!isChannelProblem(err) || !(await tryRespond(message, 'in_channel'))) throw err;
      }
    }

    async function openForm(form: FormReply): Promise<void> {
      if (target.triggerId) {
        try {
          const view = formView(form, { formId: form.formId, channelId: target.channelId, ...(target.responseUrl ? { responseUrl: target.responseUrl } : {}) });
          await call(() => client.views.open({ trigger_id: target.triggerId!, view }));
          return;
        } catch (err) {
          logger.warn({ err, formId: form.formId }, 'slack views.open failed');
        }
      }
      for (const m of packMessages([notice(`The form “${form.title}” could not open (Slack allows 3 seconds). Click the button or run the command again.`)])) await toMember(m);
    }

    for (let i = 0; i < replies.length; ) {
      const reply = replies[i]!;
      if (reply.type === 'form') {
        await openForm(reply);
        i += 1;
        continue;
      }
      const group: MessageReply[] = [];
      for (let next = replies[i]; next?.type === 'message' && next.visibility === reply.visibility; next = replies[++i]) group.push(next);
      for (const message of packMessages(group)) await (reply.visibility === 'channel' ? toChannel(message) : toMember(message));
    }
  };
}

export type Deliver = ReturnType<typeof createReplier>;
