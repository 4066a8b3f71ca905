import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  Routes,
  type APIInteraction,
  type APIInteractionResponse,
  type REST,
} from 'discord.js';
import type { Logger } from '../../core/command.js';
import type { FormReply, MessageReply, Reply } from '../../core/types.js';
import { fitsModal, renderModal } from './form.js';
import { renderMessage, type DiscordMessage } from './render.js';

/** Sends the one initial response: over the gateway a REST callback, over HTTP the response body. */
export type InitialResponse = (body: APIInteractionResponse) => Promise<void>;

/**
 * Delivers the core's replies to one interaction: the first message as the initial response (or
 * a modal), the rest as follow-ups; after a deferral, the first ephemeral message edits the
 * "thinking…" placeholder.
 */
export class Delivery {
  private readonly appId: string;

  constructor(
    private readonly raw: APIInteraction,
    private readonly initial: InitialResponse,
    private readonly rest: REST,
    private readonly logger: Logger,
  ) {
    this.appId = raw.application_id;
  }

  /** Replies ready within the response window. */
  async immediate(replies: Reply[]): Promise<void> {
    const [first, ...others] = replies;
    if (first?.type === 'form' && this.raw.type !== InteractionType.ModalSubmit && fitsModal(first)) {
      await this.initial({ type: InteractionResponseType.Modal, data: renderModal(first) });
      // Nothing can follow a modal response; the core only ever returns a form on its own.
      if (others.length > 0) this.logger.warn({ interaction: this.raw.id, dropped: others.length }, 'discord: replies after a form were not shown');
      return;
    }
    const [head, ...tail] = this.messages(replies);
    await this.initial({ type: InteractionResponseType.ChannelMessageWithSource, data: head! });
    for (const m of tail) await this.followUp(m);
  }

  /** Acknowledges now ("thinking…", ephemeral) so the work can take longer than 3 seconds. */
  async defer(): Promise<void> {
    await this.initial({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
  }

  async afterDefer(replies: Reply[]): Promise<void> {
    const messages = this.messages(replies, { deferred: true });
    const [head, ...tail] = messages;
    // The placeholder is ephemeral and an edit cannot change that: a channel message goes out as a follow-up.
    if (head && head.flags === MessageFlags.Ephemeral) {
      const { flags: _ephemeral, ...edit } = head;
      await this.rest.patch(Routes.webhookMessage(this.appId, this.raw.token, '@original'), { body: edit, auth: false });
    } else {
      if (head) await this.followUp(head);
      await this.rest.delete(Routes.webhookMessage(this.appId, this.raw.token, '@original'), { auth: false });
    }
    for (const m of tail) await this.followUp(m);
  }

  private async followUp(message: DiscordMessage): Promise<void> {
    await this.rest.post(Routes.webhook(this.appId, this.raw.token), { body: message, auth: false });
  }

  private messages(replies: Reply[], opts: { deferred?: boolean } = {}): DiscordMessage[] {
    const out = replies.flatMap((r) => renderMessage(r.type === 'form' ? this.formFallback(r, opts.deferred ?? false) : r, this.logger));
    return out.length > 0 ? out : renderMessage({ type: 'message', visibility: 'ephemeral', blocks: [{ type: 'text', text: 'Done.' }] });
  }

  /** A form Discord cannot show as a modal here (only the first response to a click or command can be one). */
  private formFallback(form: FormReply, deferred: boolean): MessageReply {
    const raw = this.raw;
    const again = raw.type === InteractionType.MessageComponent ? raw.data.custom_id : undefined;
    const why = deferred ? 'That took a moment, and Discord only opens a form right away.' : 'Discord can only open a form as the first answer to a click or a command.';
    return {
      type: 'message',
      visibility: 'ephemeral',
      title: form.title,
      blocks: [
        ...(form.intro ? [{ type: 'text' as const, text: form.intro }] : []),
        { type: 'text', text: again ? `${why} Press the button to open it.` : `${why} Run the command again to open it.` },
        ...(again ? [{ type: 'buttons' as const, buttons: [{ label: form.title.slice(0, 75), actionId: again, style: 'primary' as const }] }] : []),
      ],
    };
  }
}
