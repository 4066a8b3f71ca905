import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandInteractionData,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { COMMANDS } from '../../core/commands/index.js';
import { GOAL_MAX, GOAL_MIN } from '../../core/commands/goal.js';
import { GOALS_PER_WEEK, QUIZ_MAX_COUNT } from '../../core/scoring.js';

/**
 * The slash commands as one table: registration (`toDiscordCommands`) and the conversion of an
 * interaction back into the command text the core parses (`commandText`) both derive from it.
 */
interface OptionSpec {
  name: string;
  description: string;
  type: 'string' | 'integer';
  required?: boolean;
  choices?: { name: string; value: string }[];
  min?: number;
  max?: number;
  /** Values come from the adapter's autocomplete handler (see autocomplete.ts). */
  autocomplete?: 'timezone';
  /** The core reads this option as `name value` (`/study setup time 09:00`), not by position. */
  keyword?: boolean;
}

interface SubcommandSpec {
  name: string;
  description: string;
  options?: OptionSpec[];
}

export interface CommandSpec {
  name: string;
  description: string;
  options?: OptionSpec[];
  subcommands?: SubcommandSpec[];
}

export interface SkillChoice {
  id: string;
  name: string;
}

/** The core's summary of a command, cut to Discord's 100 characters at a sentence end if it is longer. */
function summary(name: string): string {
  const text = COMMANDS.find((c) => c.name === name)?.summary ?? name;
  if (text.length <= 100) return text;
  const sentence = text.slice(0, 100).lastIndexOf('. ');
  return sentence > 40 ? text.slice(0, sentence + 1) : `${text.slice(0, 99).replace(/\s+\S*$/, '')}…`;
}
const fixed = (...values: string[]) => values.map((v) => ({ name: v, value: v }));
const goalNumber = (required: boolean): OptionSpec => ({ name: 'number', description: 'The goal number from /goal list', type: 'integer', required, min: 1, max: GOALS_PER_WEEK });

export function commandSpecs(skills: SkillChoice[]): CommandSpec[] {
  return [
    {
      name: 'quiz',
      description: summary('quiz'),
      options: [
        { name: 'skill', description: 'Only questions on this skill', type: 'string', choices: skills.map((s) => ({ name: s.name, value: s.id })) },
        { name: 'count', description: `How many questions (1–${QUIZ_MAX_COUNT})`, type: 'integer', min: 1, max: QUIZ_MAX_COUNT },
      ],
    },
    { name: 'exam', description: summary('exam'), options: [{ name: 'action', description: 'Start, resume or abandon the exam', type: 'string', choices: fixed('start', 'resume', 'abandon') }] },
    { name: 'review', description: summary('review') },
    { name: 'lesson', description: summary('lesson'), options: [{ name: 'lesson', description: 'next, list, or a lesson number or id', type: 'string', max: 100 }] },
    { name: 'drill', description: summary('drill') },
    {
      name: 'goal',
      description: summary('goal'),
      subcommands: [
        { name: 'set', description: 'Add a goal for this week', options: [{ name: 'text', description: 'What you will do this week', type: 'string', required: true, min: GOAL_MIN, max: GOAL_MAX }] },
        { name: 'done', description: 'Tick a goal (the first open one without a number)', options: [goalNumber(false)] },
        { name: 'list', description: 'This week’s goals' },
        { name: 'clear', description: 'Remove a goal (all of this week’s without a number)', options: [goalNumber(false)] },
      ],
    },
    { name: 'leaderboard', description: summary('leaderboard'), options: [{ name: 'period', description: 'This week (default), this month, or all time', type: 'string', choices: fixed('week', 'month', 'all') }] },
    { name: 'progress', description: summary('progress') },
    {
      name: 'study',
      description: 'Help, status, setup, question of the day, time zone, privacy, fit test, career, your data.',
      subcommands: [
        { name: 'help', description: 'What the bot does and every command' },
        { name: 'status', description: 'The study group’s time zone, schedule and activity' },
        { name: 'question', description: 'Today’s question of the day, if you missed the drill post' },
        { name: 'timezone', description: 'Your own time zone, for streaks and goals', options: [{ name: 'zone', description: 'An IANA zone such as Europe/Berlin', type: 'string', max: 64, autocomplete: 'timezone' }] },
        { name: 'privacy', description: 'Hide yourself from (on) or show yourself on (off) leaderboards', options: [{ name: 'value', description: 'on hides you, off shows you', type: 'string', required: true, choices: fixed('on', 'off') }] },
        { name: 'fit', description: 'A short self-check: is the track a fit for you now' },
        { name: 'career', description: 'Levels, expectations and salary ranges' },
        { name: 'export', description: 'All your data, as JSON' },
        { name: 'forget-me', description: 'Delete all your data (asks for confirmation)' },
        // Organisers only. Discord can hide whole commands but not single subcommands from
        // members, so these stay visible under /study (the contract name) and the core refuses
        // anyone without Manage Server or Manage Channels (NOT_ORGANISER).
        {
          name: 'setup',
          description: 'Make this channel a study group and set its schedule',
          options: [
            { name: 'time', description: 'Local posting time, HH:MM (default 09:00)', type: 'string', min: 4, max: 5, keyword: true },
            { name: 'tz', description: 'The group’s time zone, e.g. Europe/Berlin (default UTC)', type: 'string', max: 64, autocomplete: 'timezone', keyword: true },
            { name: 'days', description: 'Posting days: mon-fri, mon,wed,fri, daily… (default mon-fri)', type: 'string', max: 40, keyword: true },
          ],
        },
        { name: 'pause', description: 'Pause the scheduled posts in this channel' },
        { name: 'resume', description: 'Resume the scheduled posts in this channel' },
      ],
    },
  ];
}

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

function optionJson(o: OptionSpec): APIApplicationCommandBasicOption {
  const base = { name: o.name, description: clip(o.description, 100), required: o.required ?? false };
  if (o.type === 'integer') {
    return { ...base, type: ApplicationCommandOptionType.Integer, ...(o.min !== undefined ? { min_value: o.min } : {}), ...(o.max !== undefined ? { max_value: o.max } : {}) };
  }
  const lengths = { ...(o.min !== undefined ? { min_length: o.min } : {}), ...(o.max !== undefined ? { max_length: o.max } : {}) };
  if (o.autocomplete) return { ...base, type: ApplicationCommandOptionType.String, autocomplete: true, ...lengths };
  return { ...base, type: ApplicationCommandOptionType.String, ...(o.choices ? { choices: o.choices.slice(0, 25) } : lengths) };
}

/** The bulk-overwrite body for PUT /applications/{id}/commands (or a guild's commands). */
export function toDiscordCommands(specs: CommandSpec[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return specs.map((c) => ({
    type: ApplicationCommandType.ChatInput,
    name: c.name,
    description: clip(c.description, 100),
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    default_member_permissions: null,
    options: c.subcommands
      ? c.subcommands.map((s) => ({ type: ApplicationCommandOptionType.Subcommand, name: s.name, description: clip(s.description, 100), options: (s.options ?? []).map(optionJson) }))
      : (c.options ?? []).map(optionJson),
  }));
}

type DataOption = APIApplicationCommandInteractionDataOption;
const valueOf = (o: DataOption): string => ('value' in o && o.value !== undefined ? String(o.value).trim() : '');

function values(specs: OptionSpec[] | undefined, given: DataOption[]): string[] {
  if (!specs) return given.map(valueOf).filter(Boolean);
  // In the order the spec lists them (what the core's positional parsing expects), not the typing order.
  return specs.flatMap((spec) => {
    const option = given.find((g) => g.name === spec.name);
    const value = option ? valueOf(option) : '';
    if (!value) return [];
    return spec.keyword ? [spec.name, value] : [value];
  });
}

/** `/quiz skill:serving count:3` → `quiz serving 3`; `/goal set text:Read` → `goal set Read`. */
export function commandText(specs: CommandSpec[], data: Pick<APIChatInputApplicationCommandInteractionData, 'name' | 'options'>): string {
  const spec = specs.find((s) => s.name === data.name);
  const given = data.options ?? [];
  const sub = given.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
  const words = [data.name];
  if (sub) {
    const subGiven = 'options' in sub ? (sub.options ?? []) : [];
    words.push(sub.name, ...values(spec?.subcommands?.find((s) => s.name === sub.name)?.options, subGiven));
  } else {
    words.push(...values(spec?.options, given));
  }
  return words.join(' ');
}

/** The autocomplete source of a focused option, if it has one. */
export function autocompleteKind(specs: CommandSpec[], command: string, subcommand: string | undefined, option: string): OptionSpec['autocomplete'] {
  const spec = specs.find((s) => s.name === command);
  const options = subcommand ? spec?.subcommands?.find((s) => s.name === subcommand)?.options : spec?.options;
  return options?.find((o) => o.name === option)?.autocomplete;
}
