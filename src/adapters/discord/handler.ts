import { InteractionResponseType, InteractionType, type APIInteraction, type REST } from 'discord.js';
import type { Logger } from '../../core/command.js';
import type { Core } from '../../core/core.js';
import type { Reply } from '../../core/types.js';
import { autocompleteResponse } from './autocomplete.js';
import type { CommandSpec } from './commands.js';
import { Delivery, type InitialResponse } from './delivery.js';
import { isInteractionGone } from './errors.js';
import { toInvocation } from './invocation.js';
import { RecentIds } from './recent.js';

/** Discord allows 3 s for the first response; past this the bot defers and edits later. */
export const DEFAULT_DEFER_AFTER_MS = 2000;

export interface InteractionHandlerDeps {
  core: Core;
  rest: REST;
  logger: Logger;
  specs: CommandSpec[];
  /** Defer when the core has not answered within this time; 0 always defers (used by tests). */
  deferAfterMs: number;
}

export interface InteractionHandler {
  /** Starts handling; undefined when this interaction was already delivered (nothing is answered). */
  handle(raw: APIInteraction, initial: InitialResponse): Promise<void> | undefined;
  /** Resolves when no interaction is being handled. */
  idle(): Promise<void>;
}

const UNSUPPORTED: Reply = { type: 'message', visibility: 'ephemeral', blocks: [{ type: 'text', text: 'This bot does not handle that kind of interaction. Try /study help.' }] };

async function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  if (ms <= 0) return undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The same handling for gateway and HTTP interactions; only the initial response differs. */
export function createInteractionHandler(deps: InteractionHandlerDeps): InteractionHandler {
  const recent = new RecentIds();
  const inFlight = new Set<Promise<void>>();

  async function run(raw: APIInteraction, initial: InitialResponse): Promise<void> {
    if (raw.type === InteractionType.Ping) return initial({ type: InteractionResponseType.Pong });
    if (raw.type === InteractionType.ApplicationCommandAutocomplete) {
      return initial({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: autocompleteResponse(deps.specs, raw) });
    }
    const delivery = new Delivery(raw, initial, deps.rest, deps.logger);
    const inv = toInvocation(deps.specs, raw);
    if (!inv) return delivery.immediate([UNSUPPORTED]);
    const work = deps.core.handle(inv);
    const early = await within(work, deps.deferAfterMs);
    if (early) return delivery.immediate(early);
    await delivery.defer();
    await delivery.afterDefer(await work);
  }

  async function guarded(raw: APIInteraction, initial: InitialResponse): Promise<void> {
    try {
      await run(raw, initial);
    } catch (err) {
      if (isInteractionGone(err)) {
        deps.logger.info({ interaction: raw.id, code: err.code }, 'discord: interaction expired or already answered; nothing more sent');
      } else {
        deps.logger.error({ err, interaction: raw.id, type: raw.type }, 'discord: could not answer an interaction');
      }
    }
  }

  return {
    handle(raw, initial) {
      if (!recent.add(raw.id)) return undefined;
      const job = guarded(raw, initial).finally(() => inFlight.delete(job));
      inFlight.add(job);
      return job;
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
