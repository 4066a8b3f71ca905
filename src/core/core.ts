import { message, text, type ActionHandler, type Command, type CoreDeps, type Ctx, type FormHandler } from './command.js';
import { COMMANDS, STUDY_SUBCOMMANDS } from './commands/index.js';
import { helpReply } from './commands/study/help.js';
import { COMMANDS_PER_MINUTE, CLICKS_PER_MINUTE, createRateLimiter } from './ratelimit.js';
import { StoreUnavailableError } from './ports.js';
import { UserError, type Invocation, type Reply } from './types.js';

export interface Core {
  /** Turns one invocation into the replies to show; never throws. */
  handle(inv: Invocation): Promise<Reply[]>;
}

/** Longest accepted command text; anything longer is refused before parsing. */
export const MAX_COMMAND_TEXT = 2000;

function collect<T>(key: 'actions' | 'forms'): Map<string, T> {
  const map = new Map<string, T>();
  for (const c of [...COMMANDS, ...STUDY_SUBCOMMANDS]) {
    for (const [prefix, handler] of Object.entries(c[key] ?? {})) map.set(prefix, handler as T);
  }
  return map;
}

/** `/Quiz  serving 3` → { name: 'quiz', args: 'serving 3' }. */
export function parseCommandText(raw: string): { name: string; args: string } {
  const trimmed = raw.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().replace(/^\/+/, '');
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  return { name: (match?.[1] ?? '').toLowerCase(), args: (match?.[2] ?? '').trim() };
}

export function createCore(deps: CoreDeps): Core {
  const actions = collect<ActionHandler>('actions');
  const forms = collect<FormHandler>('forms');
  const byName = new Map<string, Command>(COMMANDS.map((c) => [c.name, c]));

  async function dispatch(ctx: Ctx): Promise<Reply[]> {
    const { inv } = ctx;
    if (inv.kind === 'command') {
      if (inv.text.length > MAX_COMMAND_TEXT) throw new UserError('INPUT_TOO_LONG', `That command is too long (over ${MAX_COMMAND_TEXT} characters). Shorten it and try again.`);
      const { name, args } = parseCommandText(inv.text);
      const command = byName.get(name);
      if (command) return command.run(ctx, args);
      const note = name ? `I don’t know “/${name.slice(0, 30)}”. Here is what I can do:` : undefined;
      return [helpReply(COMMANDS, STUDY_SUBCOMMANDS, note)];
    }
    const [prefix = '', ...parts] = (inv.kind === 'action' ? inv.actionId : inv.formId).split(':');
    if (inv.kind === 'action') {
      const handler = actions.get(prefix);
      if (!handler) throw new UserError('ACTION_UNKNOWN', 'That button is no longer supported. Run the command again.');
      return handler(ctx, parts);
    }
    const handler = forms.get(prefix);
    if (!handler) throw new UserError('FORM_UNKNOWN', 'That form is no longer supported. Run the command again.');
    return handler(ctx, parts, inv.fields);
  }

  const commandLimit = createRateLimiter(deps.limits?.commandsPerMinute ?? COMMANDS_PER_MINUTE, 60_000);
  const clickLimit = createRateLimiter(deps.limits?.clicksPerMinute ?? CLICKS_PER_MINUTE, 60_000);

  return {
    async handle(inv) {
      try {
        const now = deps.clock.now();
        const { actor } = inv;
        const limiter = inv.kind === 'command' ? commandLimit : clickLimit;
        const allowed = limiter.take(`${actor.platform}:${actor.workspaceId}:${actor.userId}`, now.getTime());
        if (!allowed.ok) {
          const seconds = Math.ceil(allowed.retryAfterMs / 1000);
          throw new UserError('RATE_LIMITED', `You are going a bit fast. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`);
        }
        const [member, group] = await Promise.all([
          deps.store.ensureMember(actor),
          deps.store.ensureGroup(actor.platform, actor.workspaceId, inv.channelId),
        ]);
        return await dispatch({ inv, member, group, now, zone: member.timezone ?? group.timezone, deps });
      } catch (err) {
        if (err instanceof UserError) return [{ ...message([text(`⚠️ ${err.message} _(${err.code})_`)]), errorCode: err.code }];
        if (err instanceof StoreUnavailableError) {
          deps.logger.warn({ err: err.cause, kind: inv.kind, platform: inv.actor.platform }, 'database unavailable');
          return [{ ...message([text('⏳ I can’t reach my database right now, so nothing was recorded. Please try again in a moment. _(TEMPORARILY_UNAVAILABLE)_')]), errorCode: 'TEMPORARILY_UNAVAILABLE' }];
        }
        deps.logger.error({ err, kind: inv.kind, platform: inv.actor.platform }, 'invocation failed');
        return [{ ...message([text('Sorry, something went wrong on our side. Please try again in a moment.')]), errorCode: 'INTERNAL' }];
      }
    },
  };
}
