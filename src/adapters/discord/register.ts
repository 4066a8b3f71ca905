import { REST, Routes, type APIApplicationCommand } from 'discord.js';
import { commandSpecs, toDiscordCommands, type SkillChoice } from './commands.js';

export interface RegisterOptions {
  apiUrl: string;
  token: string;
  applicationId: string;
  /** Register in one server (instant, for testing) instead of globally. */
  guildId?: string;
  skills: SkillChoice[];
}

/** Bulk-overwrites the application's slash commands (PUT): commands no longer defined are removed. */
export async function registerCommands(opts: RegisterOptions): Promise<APIApplicationCommand[]> {
  const rest = new REST({ api: opts.apiUrl }).setToken(opts.token);
  const route = opts.guildId ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId) : Routes.applicationCommands(opts.applicationId);
  const body = toDiscordCommands(commandSpecs(opts.skills));
  return (await rest.put(route, { body })) as APIApplicationCommand[];
}
