import { resolve } from 'node:path';
import { parseConfig } from '../config.js';
import { loadContent } from '../core/content/loader.js';
import { registerCommands } from '../adapters/discord/register.js';

/** `npm run discord:register [-- --guild ID]`: registers every slash command, globally or in one server. */
async function main(argv: string[]): Promise<number> {
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    for (const line of parsed.errors) console.error(`config error: ${line}`);
    return 2;
  }
  const { DISCORD_TOKEN, DISCORD_APPLICATION_ID, DISCORD_API_URL } = parsed.config;
  if (!DISCORD_TOKEN || !DISCORD_APPLICATION_ID) {
    console.error('config error: DISCORD_TOKEN and DISCORD_APPLICATION_ID are required to register commands');
    return 2;
  }
  const flag = argv.indexOf('--guild');
  const guildId = flag >= 0 ? argv[flag + 1] : undefined;
  if (flag >= 0 && !/^\d{15,21}$/.test(guildId ?? '')) {
    console.error('usage: npm run discord:register [-- --guild <numeric server id>]');
    return 2;
  }
  const content = loadContent(resolve('content'));
  const commands = await registerCommands({ apiUrl: DISCORD_API_URL, token: DISCORD_TOKEN, applicationId: DISCORD_APPLICATION_ID, ...(guildId ? { guildId } : {}), skills: content.skills });
  const where = guildId ? `in server ${guildId}` : 'globally';
  console.log(`registered ${commands.length} commands ${where}: ${commands.map((c) => `/${c.name}`).join(' ')}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`discord:register failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
