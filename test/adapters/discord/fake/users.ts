import { randomBytes } from 'node:crypto';
import { PermissionFlagsBits, SnowflakeUtil, type APIInteraction, type APIMessage } from 'discord.js';
import { APP_ID, CHANNEL_ID, GUILD_ID } from './state.js';

type Json = Record<string, any>;

export interface FakeUser {
  id: string;
  name: string;
  /** The member's permission bits in the channel, as Discord computes them. */
  permissions: bigint;
}

const MEMBER = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands;
let nextUser = 1;

export function fakeUser(name: string, extra: bigint = 0n): FakeUser {
  return { id: `15000000000000${String(nextUser++).padStart(5, '0')}`, name, permissions: MEMBER | extra };
}

/** The envelope every guild interaction shares (https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object). */
function envelope(user: FakeUser, type: number, data: Json | undefined, extra: Json = {}): APIInteraction {
  return {
    id: SnowflakeUtil.generate().toString(),
    application_id: APP_ID,
    type,
    ...(data ? { data } : {}),
    guild_id: GUILD_ID,
    guild: { id: GUILD_ID, locale: 'en-US', features: [] },
    channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'mlops-study', position: 0, permission_overwrites: [], nsfw: false, parent_id: null, flags: 0 },
    member: {
      user: { id: user.id, username: user.name.toLowerCase(), discriminator: '0', global_name: user.name, avatar: null },
      roles: [],
      premium_since: null,
      permissions: user.permissions.toString(),
      pending: false,
      nick: null,
      mute: false,
      deaf: false,
      joined_at: '2026-01-05T10:00:00.000Z',
      flags: 0,
      avatar: null,
    },
    token: randomBytes(24).toString('base64url'),
    version: 1,
    app_permissions: (PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.ViewChannel).toString(),
    locale: 'en-GB',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD_ID },
    context: 0,
    attachment_size_limit: 10_485_760,
    ...extra,
  } as unknown as APIInteraction;
}

export const pingInteraction = (): APIInteraction =>
  ({ id: SnowflakeUtil.generate().toString(), application_id: APP_ID, type: 1, token: randomBytes(24).toString('base64url'), version: 1 }) as unknown as APIInteraction;

/** Parses what a member fills in, `/goal set text:Read the lesson`, against the registered command. */
function typedOptions(command: Json, line: string, focus?: string): { sub?: string; options: Json[] } {
  const [, ...words] = line.trim().replace(/^\//, '').split(/\s+/);
  const subDef = (command.options ?? []).find((o: Json) => o.type === 1 && o.name === words[0]);
  const defs: Json[] = subDef ? (subDef.options ?? []) : (command.options ?? []);
  if ((command.options ?? []).some((o: Json) => o.type === 1) && !subDef) throw new Error(`/${command.name} needs a subcommand`);
  const rest = (subDef ? words.slice(1) : words).join(' ');
  const options: Json[] = [];
  for (const m of rest.matchAll(/([\w-]+):(.*?)(?=\s+[\w-]+:|$)/g)) {
    const def = defs.find((d) => d.name === m[1]);
    if (!def) throw new Error(`/${command.name} has no option ${m[1]}`);
    const raw = m[2]!.trim();
    const focused = focus === def.name;
    let value: string | number = raw;
    if (def.type === 4 && !focused) {
      value = Number(raw);
      if (!Number.isInteger(value) || (def.min_value !== undefined && value < def.min_value) || (def.max_value !== undefined && value > def.max_value)) {
        throw new Error(`Discord would not send ${def.name}:${raw}`);
      }
    } else if (!focused) {
      if (def.choices && !def.choices.some((c: Json) => c.value === raw)) throw new Error(`${raw} is not a choice of ${def.name}`);
      if ((def.min_length !== undefined && raw.length < def.min_length) || (def.max_length !== undefined && raw.length > def.max_length)) {
        throw new Error(`Discord would not send ${def.name} of length ${raw.length}`);
      }
    }
    options.push({ name: def.name, type: def.type, value, ...(focused ? { focused: true } : {}) });
  }
  for (const def of defs) {
    if (def.required && !options.some((o) => o.name === def.name)) throw new Error(`Discord requires ${def.name}`);
  }
  return subDef ? { sub: subDef.name, options: [{ type: 1, name: subDef.name, options }] } : { options };
}

function findCommand(commands: Json[], line: string): Json {
  const name = line.trim().replace(/^\//, '').split(/\s+/)[0];
  const command = commands.find((c) => c.name === name);
  if (!command) throw new Error(`/${name} is not registered`);
  return command;
}

/** A slash command as the Discord client sends it, checked against the registered definition. */
export function slashInteraction(user: FakeUser, commands: Json[], line: string): APIInteraction {
  const command = findCommand(commands, line);
  const { options } = typedOptions(command, line);
  return envelope(user, 2, { id: command.id, name: command.name, type: 1, guild_id: GUILD_ID, ...(options.length > 0 ? { options } : {}) });
}

export function autocompleteInteraction(user: FakeUser, commands: Json[], line: string, focus: string): APIInteraction {
  const command = findCommand(commands, line);
  const { options } = typedOptions(command, line, focus);
  return envelope(user, 4, { id: command.id, name: command.name, type: 1, options });
}

export function buttonInteraction(user: FakeUser, message: APIMessage, customId: string): APIInteraction {
  return envelope(user, 3, { custom_id: customId, component_type: 2 }, { message });
}

/** A submitted modal in Discord's current shape: each text input inside its label. */
export function modalSubmitInteraction(user: FakeUser, modal: Json, values: Record<string, string>, message?: APIMessage): APIInteraction {
  const components = (modal.components as Json[])
    .filter((c) => c.type === 18)
    .map((c, i) => ({ type: 18, id: i + 1, component: { type: 4, id: 100 + i, custom_id: c.component.custom_id, value: values[c.component.custom_id] ?? '' } }));
  return envelope(user, 5, { custom_id: modal.custom_id, components }, message ? { message } : {});
}
