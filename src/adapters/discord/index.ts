import { Events, GatewayDispatchEvents, RESTEvents, Routes, type APIInteraction, type Client } from 'discord.js';
import type { AdapterDeps, PlatformAdapter } from '../types.js';
import { createDiscordClient, createInteractionRest, gatewayConnected } from './client.js';
import { commandSpecs } from './commands.js';
import { createInteractionHandler, DEFAULT_DEFER_AFTER_MS } from './handler.js';
import { mountHttpInteractions } from './http-interactions.js';
import { createDiscordPoster } from './poster.js';

export interface DiscordAdapterOptions {
  /** Defer an interaction when the core has not answered within this time (default 2000 ms; 0 always defers). */
  deferAfterMs?: number;
}

export interface DiscordAdapter extends PlatformAdapter {
  client: Client;
  /** Resolves when no interaction is being answered. */
  idle(): Promise<void>;
}

/**
 * Discord through discord.js: interactions arrive over the gateway (DISCORD_TOKEN, unless
 * DISCORD_GATEWAY=off) and/or as signed HTTP requests (DISCORD_PUBLIC_KEY); both go through one
 * handler. Replies, edits and follow-ups go out through a REST client of their own, channel posts
 * through the Client's.
 */
export function createDiscordAdapter(deps: AdapterDeps, options: DiscordAdapterOptions = {}): DiscordAdapter {
  const { config, core, logger, http } = deps;
  const client = createDiscordClient(config.DISCORD_API_URL);
  const gatewayOn = Boolean(config.DISCORD_TOKEN) && config.DISCORD_GATEWAY !== 'off';
  let stopping = false;
  // Interaction answers (callbacks, follow-ups, edits) go through their own REST client, outside
  // the bot's global limit; channel posts use the Client's.
  const interactionRest = createInteractionRest(config.DISCORD_API_URL);
  for (const rest of [client.rest, interactionRest]) rest.on(RESTEvents.RateLimited, () => deps.onRateLimited?.('discord'));

  const handler = createInteractionHandler({
    core,
    rest: interactionRest,
    logger,
    // Option order only matters for turning an interaction into text; skill choices do not.
    specs: commandSpecs([]),
    deferAfterMs: options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS,
  });

  client.ws.on(GatewayDispatchEvents.InteractionCreate, (raw: APIInteraction) => {
    if (stopping) return;
    void handler.handle(raw, async (body) => {
      await interactionRest.post(Routes.interactionCallback(raw.id, raw.token), { body, auth: false });
    });
  });
  client.on(Events.Error, (err) => logger.error({ err }, 'discord: client error'));
  client.on(Events.ShardError, (err, shardId) => logger.warn({ err, shardId }, 'discord: gateway connection error'));
  client.on(Events.ShardDisconnect, (event, shardId) => logger.warn({ code: event.code, shardId }, 'discord: gateway disconnected for good'));

  if (config.DISCORD_PUBLIC_KEY) {
    mountHttpInteractions(http, { publicKey: config.DISCORD_PUBLIC_KEY, handler, logger, stopping: () => stopping });
  }

  return {
    platform: 'discord',
    client,
    poster: createDiscordPoster(client.rest, logger),
    async start() {
      if (gatewayOn) {
        await client.login(config.DISCORD_TOKEN);
        logger.info({ user: client.user?.tag, gateway: client.ws.gateway }, 'discord: gateway connected');
      } else if (config.DISCORD_TOKEN) {
        client.rest.setToken(config.DISCORD_TOKEN);
      }
      logger.info({ gateway: gatewayOn, http: Boolean(config.DISCORD_PUBLIC_KEY) }, 'discord: adapter started');
    },
    async stop() {
      stopping = true;
      await handler.idle();
      await client.destroy();
      interactionRest.clearHandlerSweeper();
      interactionRest.clearHashSweeper();
    },
    async readiness() {
      if (stopping) return 'discord adapter is stopping';
      if (gatewayOn && !gatewayConnected(client)) return 'discord gateway not connected';
      return undefined;
    },
    idle: () => handler.idle(),
  };
}
