import type { Content } from './content/loader.js';
import type { Clock, Group, Member, Store } from './ports.js';
import type { Block, Invocation, MessageReply, Reply } from './types.js';

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface CoreDeps {
  store: Store;
  content: Content;
  clock: Clock;
  /** Uniform in [0, 1); injected so question selection is reproducible in tests. */
  random: () => number;
  logger: Logger;
  /** Per-member limits; defaults in ratelimit.ts. */
  limits?: { commandsPerMinute: number; clicksPerMinute: number };
}

/** Everything a command needs about one invocation: who, where, when, and the dependencies. */
export interface Ctx {
  inv: Invocation;
  member: Member;
  group: Group;
  now: Date;
  /** The member's zone: their own, else the group's. */
  zone: string;
  deps: CoreDeps;
}

export type ActionHandler = (ctx: Ctx, parts: string[]) => Promise<Reply[]>;
export type FormHandler = (ctx: Ctx, parts: string[], fields: Record<string, string>) => Promise<Reply[]>;

export interface Command {
  name: string;
  usage: string;
  summary: string;
  run(ctx: Ctx, args: string): Promise<Reply[]>;
  /** Button handlers by action-id prefix (`prefix:part:part`). */
  actions?: Record<string, ActionHandler>;
  /** Form handlers by form-id prefix. */
  forms?: Record<string, FormHandler>;
}

export function message(blocks: Block[], title?: string, visibility: MessageReply['visibility'] = 'ephemeral'): MessageReply {
  return { type: 'message', visibility, blocks, ...(title ? { title } : {}) };
}

export function text(t: string): Block {
  return { type: 'text', text: t };
}
