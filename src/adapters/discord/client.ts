import { Client, GatewayIntentBits, Options, REST, Status } from 'discord.js';

/** How often idle REST route handlers are dropped (an interaction's token lives 15 minutes; a handler is rebuilt when needed). */
export const REST_HANDLER_SWEEP_MS = 60_000;

/**
 * Requests a client may send in a second on interaction routes. Discord does not count interaction
 * callbacks, follow-ups and edits (sent with the interaction's token, without the bot token)
 * against the bot's global limit of 50 a second, but @discordjs/rest counts every request it sends;
 * on the bot's client a busy group's follow-ups queue behind that limit (measured: 50 a second,
 * thousands waiting, each holding its request and reply). Per-token limits still come from
 * Discord's headers.
 */
export const INTERACTION_REQUESTS_PER_SECOND = 1_000_000;

/** The REST client for answering interactions: no bot token, no global limit (see above). */
export function createInteractionRest(apiUrl: string): REST {
  return new REST({ api: apiUrl, globalRequestsPerSecond: INTERACTION_REQUESTS_PER_SECOND, handlerSweepInterval: REST_HANDLER_SWEEP_MS });
}

/**
 * A discord.js Client for interactions only: the Guilds intent, no message or member caches, and
 * its REST base at DISCORD_API_URL (discord.js adds /v10). The gateway URL comes from the API's
 * GET /gateway/bot, so a local fake serves both.
 */
export function createDiscordClient(apiUrl: string): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    // Every interaction's follow-ups and edits go to a webhook route of its own token, and the REST
    // client keeps a rate-limit handler per such route until a sweep finds it idle: hourly by
    // default, which holds tens of thousands of handlers (hundreds of MB) on a busy bot.
    rest: { api: apiUrl, handlerSweepInterval: REST_HANDLER_SWEEP_MS },
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      ReactionManager: 0,
      PresenceManager: 0,
      VoiceStateManager: 0,
      ThreadMemberManager: 0,
      GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user.id },
      UserManager: { maxSize: 1000, keepOverLimit: (user) => user.id === user.client.user.id },
    }),
  });
}

/** Whether every shard has a live, identified gateway session. */
export function gatewayConnected(client: Client): boolean {
  const shards = [...client.ws.shards.values()];
  return shards.length > 0 && shards.every((s) => s.status === Status.Ready || s.status === Status.WaitingForGuilds);
}
