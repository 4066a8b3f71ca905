import {
  ApplicationCommandType,
  ComponentType,
  InteractionType,
  PermissionFlagsBits,
  PermissionsBitField,
  type APIInteraction,
  type APIModalSubmitInteraction,
} from 'discord.js';
import type { Actor, Invocation } from '../../core/types.js';
import { commandText, type CommandSpec } from './commands.js';

/** Where a direct-message interaction is filed: it has no guild. */
export const DM_WORKSPACE = 'dm';

function actorOf(raw: APIInteraction): Actor {
  const user = raw.member?.user ?? raw.user;
  const displayName = raw.member?.nick ?? user?.global_name ?? user?.username ?? 'member';
  return { platform: 'discord', workspaceId: raw.guild_id ?? DM_WORKSPACE, userId: user?.id ?? 'unknown', displayName: displayName.slice(0, 80) };
}

/** Manage Server or Manage Channels in this channel (Administrator implies both). */
export function isOrganiser(raw: APIInteraction): boolean {
  if (!raw.member) return false;
  return new PermissionsBitField(BigInt(raw.member.permissions)).any([PermissionFlagsBits.ManageGuild, PermissionFlagsBits.ManageChannels]);
}

/** The text inputs of a submitted modal, whether wrapped in labels or in action rows. */
export function modalFields(data: APIModalSubmitInteraction['data']): Record<string, string> {
  const fields: Record<string, string> = {};
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: number; custom_id?: unknown; value?: unknown; component?: unknown; components?: unknown[] };
    if (n.type === ComponentType.TextInput && typeof n.custom_id === 'string' && typeof n.value === 'string') fields[n.custom_id] = n.value;
    visit(n.component);
    for (const child of n.components ?? []) visit(child);
  };
  for (const c of data.components) visit(c);
  return fields;
}

/** The core invocation an interaction stands for, or undefined for kinds the bot does not use. */
export function toInvocation(specs: CommandSpec[], raw: APIInteraction): Invocation | undefined {
  const channelId = raw.channel?.id ?? raw.channel_id;
  if (!channelId) return undefined;
  const base = { actor: actorOf(raw), channelId, organiser: isOrganiser(raw) };
  switch (raw.type) {
    case InteractionType.ApplicationCommand:
      if (raw.data.type !== ApplicationCommandType.ChatInput) return undefined;
      return { ...base, kind: 'command', text: commandText(specs, raw.data) };
    case InteractionType.MessageComponent:
      if (raw.data.component_type !== ComponentType.Button) return undefined;
      return { ...base, kind: 'action', actionId: raw.data.custom_id };
    case InteractionType.ModalSubmit:
      return { ...base, kind: 'submit', formId: raw.data.custom_id, fields: modalFields(raw.data) };
    default:
      return undefined;
  }
}
