import { Client, GatewayIntentBits, Options, Status } from 'discord.js';

/**
 * A discord.js Client for interactions only: the Guilds intent, no message or member caches, and
 * its REST base at DISCORD_API_URL (discord.js adds /v10). The gateway URL comes from the API's
 * GET /gateway/bot, so a local fake serves both.
 */
export function createDiscordClient(apiUrl: string): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: apiUrl },
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
