import type { Core } from '../../core/core.js';
import type { Actor, Button, FormReply, Invocation, MessageReply } from '../../core/types.js';
import { renderReplies, type Style } from './render.js';

export const CONSOLE_WORKSPACE = 'local';
export const CONSOLE_CHANNEL = 'study-group';

const HELP = `Console: type any command with or without the slash (quiz 3, /leaderboard). A number picks a button.
  /user <name>  act as someone else     /cancel  abandon a form     /quit  leave`;

export function consoleActor(name: string): Actor {
  const clean = name.trim().slice(0, 40) || 'you';
  return { platform: 'console', workspaceId: CONSOLE_WORKSPACE, userId: clean.toLowerCase(), displayName: clean };
}

/**
 * One terminal conversation: turns each typed line into an invocation (command, button or form
 * field) and the replies into text. Holds no data of its own beyond what is on screen. The local
 * user runs the local study group, so it is its organiser (/study setup, pause, resume).
 */
export class ConsoleSession {
  private actor: Actor;
  private buttons: Button[] = [];
  private form: { reply: FormReply; values: Record<string, string> } | undefined;
  quit = false;

  constructor(
    private readonly core: Core,
    user: string,
    private readonly style: Style,
  ) {
    this.actor = consoleActor(user);
  }

  get user(): string {
    return this.actor.displayName;
  }

  /** The text to show as the prompt for the next line. */
  prompt(): string {
    const field = this.nextField();
    return field ? `${field.label}: ` : `${this.actor.displayName}> `;
  }

  async handleLine(raw: string): Promise<string> {
    const line = raw.trim();
    if (this.form) return this.fillForm(line);
    if (line === '') return '';
    const [word, ...rest] = line.replace(/^\//, '').split(/\s+/);
    switch (word?.toLowerCase()) {
      case 'quit':
      case 'exit':
        this.quit = true;
        return 'Bye. Your progress is saved.';
      case 'user': {
        const name = rest.join(' ');
        if (!name) return `You are ${this.actor.displayName}. Switch with /user <name>.`;
        this.actor = consoleActor(name);
        this.buttons = [];
        return `Now acting as ${this.actor.displayName}.`;
      }
      case 'console':
        return HELP;
    }
    if (/^\d+$/.test(line)) {
      if (this.buttons.length === 0) return 'Nothing to choose right now. Type a command, e.g. /quiz 3.';
      const button = this.buttons[Number(line) - 1];
      if (!button) return `Pick a number from 1 to ${this.buttons.length}.`;
      return this.invoke({ kind: 'action', actor: this.actor, channelId: CONSOLE_CHANNEL, organiser: true, actionId: button.actionId });
    }
    return this.invoke({ kind: 'command', actor: this.actor, channelId: CONSOLE_CHANNEL, organiser: true, text: line });
  }

  /**
   * Shows a post the scheduler made in the local group's channel; its buttons become the numbers to
   * type, so the question of the day can be answered right away.
   */
  showPost(reply: MessageReply): string {
    const { text, buttons } = renderReplies([reply], this.style);
    if (buttons.length > 0) this.buttons = buttons;
    return `${this.style.dim(`📣 posted in #${CONSOLE_CHANNEL}`)}\n${text}`;
  }

  private nextField() {
    return this.form?.reply.fields.find((f) => !(f.id in this.form!.values));
  }

  private async fillForm(line: string): Promise<string> {
    const form = this.form!;
    if (line === '/cancel') {
      this.form = undefined;
      return 'Form cancelled.';
    }
    const field = this.nextField()!;
    form.values[field.id] = line;
    if (this.nextField()) return '';
    this.form = undefined;
    return this.invoke({ kind: 'submit', actor: this.actor, channelId: CONSOLE_CHANNEL, organiser: true, formId: form.reply.formId, fields: form.values });
  }

  private async invoke(inv: Invocation): Promise<string> {
    const replies = await this.core.handle(inv);
    const { text, buttons, form } = renderReplies(replies, this.style);
    this.buttons = buttons;
    if (form) this.form = { reply: form, values: {} };
    return text;
  }
}
