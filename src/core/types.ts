/** The platform-neutral model: what comes in (Invocation) and what goes out (Reply). */

export type Platform = 'slack' | 'discord' | 'console';

/** Who is acting: identity is (platform, workspace, user). */
export interface Actor {
  platform: Platform;
  workspaceId: string;
  userId: string;
  displayName: string;
}

interface InvocationBase {
  actor: Actor;
  /** The channel the member is in; a study group is one channel of a workspace. */
  channelId: string;
  /**
   * Whether the actor may configure this channel's study group, as the adapter determined it
   * (Slack: workspace admin/owner or SLACK_ADMIN_IDS; Discord: Manage Server or Manage Channels).
   */
  organiser?: boolean;
}

/** `text` is the command line as typed: `/quiz serving 3`, `quiz serving 3`, `study quiz 3`. */
export interface CommandInvocation extends InvocationBase {
  kind: 'command';
  text: string;
}

/** A button press; `actionId` is the opaque id the core put on the button. */
export interface ActionInvocation extends InvocationBase {
  kind: 'action';
  actionId: string;
}

/** A submitted form (a modal); `formId` is the id the core put on the form. */
export interface SubmitInvocation extends InvocationBase {
  kind: 'submit';
  formId: string;
  fields: Record<string, string>;
}

export type Invocation = CommandInvocation | ActionInvocation | SubmitInvocation;

export interface Button {
  label: string;
  actionId: string;
  style?: 'primary' | 'danger';
}

/**
 * Message content. `text` is a small Markdown dialect every adapter converts:
 * **bold**, _italic_, `code`, lines starting with "- " as bullets, and blank lines between paragraphs.
 */
export type Block =
  | { type: 'text'; text: string }
  | { type: 'fields'; fields: { label: string; value: string }[] }
  | { type: 'buttons'; buttons: Button[] }
  | { type: 'divider' }
  | { type: 'bars'; title: string; bars: { label: string; value: number; max: number }[] }
  | { type: 'code'; text: string };

export interface MessageReply {
  type: 'message';
  /** `ephemeral`: only the member sees it; `channel`: posted for the group. */
  visibility: 'ephemeral' | 'channel';
  title?: string;
  blocks: Block[];
  /** Set on error replies: the stable code of a UserError, or INTERNAL. */
  errorCode?: string;
}

export interface FormField {
  id: string;
  label: string;
  placeholder?: string;
  multiline: boolean;
  minLength: number;
  maxLength: number;
}

/** Ask the member to fill in a form (a modal on Slack and Discord, prompts in the console). */
export interface FormReply {
  type: 'form';
  formId: string;
  title: string;
  intro?: string;
  submitLabel: string;
  fields: FormField[];
}

export type Reply = MessageReply | FormReply;

/** An error the member caused; `code` is stable and documented, `message` says what to do. */
export class UserError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
