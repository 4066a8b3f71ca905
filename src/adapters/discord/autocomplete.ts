import {
  ApplicationCommandOptionType,
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataOption,
  type APICommandAutocompleteInteractionResponseCallbackData,
} from 'discord.js';
import { autocompleteKind, type CommandSpec } from './commands.js';

const MAX_CHOICES = 25;
/** Current names that some ICU versions still list only under their old spelling (Asia/Calcutta). */
const CURRENT_NAMES = ['Asia/Kolkata', 'Europe/Kyiv', 'Asia/Ho_Chi_Minh', 'Asia/Kathmandu', 'America/Nuuk', 'Asia/Yangon'];
let zones: string[] | undefined;

/** IANA zones matching what was typed so far: prefix matches first, then the rest that contain it. */
export function timezoneChoices(typed: string): string[] {
  zones ??= [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone'), ...CURRENT_NAMES])];
  const q = typed.trim().toLowerCase().replace(/\s+/g, '_');
  if (!q) return zones.slice(0, MAX_CHOICES);
  const starts = zones.filter((z) => z.toLowerCase().startsWith(q) || z.toLowerCase().split('/').some((part) => part.startsWith(q)));
  const contains = zones.filter((z) => !starts.includes(z) && z.toLowerCase().includes(q));
  return [...starts, ...contains].slice(0, MAX_CHOICES);
}

type Option = APIApplicationCommandInteractionDataOption;

function focused(options: Option[], subcommand?: string): { subcommand?: string; option: Option } | undefined {
  for (const o of options) {
    if (o.type === ApplicationCommandOptionType.Subcommand) {
      const inner = focused(o.options ?? [], o.name);
      if (inner) return inner;
    } else if ('focused' in o && o.focused) {
      return { ...(subcommand ? { subcommand } : {}), option: o };
    }
  }
  return undefined;
}

/** The choices for an autocomplete interaction (empty when the option has no source). */
export function autocompleteResponse(specs: CommandSpec[], interaction: APIApplicationCommandAutocompleteInteraction): APICommandAutocompleteInteractionResponseCallbackData {
  const found = focused(interaction.data.options ?? []);
  if (!found) return { choices: [] };
  const kind = autocompleteKind(specs, interaction.data.name, found.subcommand, found.option.name);
  const typed = 'value' in found.option ? String(found.option.value) : '';
  if (kind !== 'timezone') return { choices: [] };
  return { choices: timezoneChoices(typed).map((z) => ({ name: z, value: z })) };
}
