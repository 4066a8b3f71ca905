import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';
import type { Logger } from '../../core/command.js';
import type { Block, Button, MessageReply } from '../../core/types.js';
import { barChart } from './chart.js';

/** Discord's message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  title: 256,
  description: 4096,
  embedTotal: 6000,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  rows: 5,
  buttonsPerRow: 5,
  customId: 100,
  label: 80,
} as const;

export interface DiscordMessage {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  flags?: number;
  /** Replies never ping anyone, whatever a goal text or display name contains. */
  allowed_mentions: { parse: [] };
}

const COLOR = { normal: 0x5865f2, error: 0xed4245 } as const;
/** Longer button labels get cut off on phones, so such choices are listed in the text instead. */
const BUTTON_VISIBLE = 40;
const STYLE = { primary: ButtonStyle.Primary, danger: ButtonStyle.Danger } as const;
const PARAGRAPH = '\n\n';
const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** Splits text at paragraph, then line, then word boundaries so each piece fits `max`. */
export function splitText(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const cut = [window.lastIndexOf(PARAGRAPH), window.lastIndexOf('\n'), window.lastIndexOf(' ')].find((i) => i > max / 2) ?? max;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  pieces.push(rest);
  return pieces.filter((p) => p.trim() !== '');
}

function fenced(code: string, max: number): string[] {
  // A fence inside the code would end the block early; a zero-width space keeps it literal.
  const safe = code.replace(/```/g, '`\u200b``');
  return splitText(safe, max - 8).map((piece) => `\`\`\`\n${piece}\n\`\`\``);
}

/** The description text of a non-field, non-button block, as pieces that each fit an embed. */
function textPieces(block: Exclude<Block, { type: 'fields' } | { type: 'buttons' }>): string[] {
  switch (block.type) {
    case 'text':
      return block.text.trim() ? splitText(block.text, LIMITS.description) : [];
    case 'code':
      return block.text.trim() ? fenced(block.text, LIMITS.description) : [];
    case 'divider':
      return ['───────────────'];
    case 'bars':
      return fenced(barChart(block.bars), LIMITS.description - block.title.length - 6).map((chart, i) => (i === 0 ? `**${block.title}**\n${chart}` : chart));
  }
}

interface Section {
  description: string[];
  fields: APIEmbedField[];
}

interface Draft {
  sections: Section[];
  buttons: Button[];
}

const MAX_EMBEDS = 10;
/** Room kept for the " · 2/3" that continued titles get. */
const TITLE_SUFFIX = 8;
const descriptionLength = (s: Section) => s.description.reduce((n, d) => n + d.length, 0) + PARAGRAPH.length * Math.max(0, s.description.length - 1);
const sectionLength = (s: Section) => descriptionLength(s) + s.fields.reduce((n, f) => n + f.name.length + f.value.length, 0);

/**
 * Renders one reply as one or more Discord messages: embeds in reading order (an embed shows its
 * fields below its text, so text after fields starts a new embed) and up to 5 rows of 5 buttons;
 * whatever does not fit Discord's limits goes on to the next message. `reserve` keeps that many
 * characters of each message's embed total free (for a footer added later).
 */
export function renderMessage(reply: MessageReply, logger?: Logger, opts: { reserve?: number } = {}): DiscordMessage[] {
  const title = reply.title?.trim() ? clip(reply.title.trim(), LIMITS.title - TITLE_SUFFIX) : '';
  const drafts: Draft[] = [];
  let draft: Draft = { sections: [{ description: [], fields: [] }], buttons: [] };
  const section = () => draft.sections.at(-1)!;
  const room = () => LIMITS.embedTotal - (opts.reserve ?? 0) - title.length - TITLE_SUFFIX - draft.sections.reduce((n, s) => n + sectionLength(s), 0) - PARAGRAPH.length;
  const isEmpty = () => draft.buttons.length === 0 && draft.sections.every((s) => s.description.length + s.fields.length === 0);
  const nextMessage = () => {
    drafts.push(draft);
    draft = { sections: [{ description: [], fields: [] }], buttons: [] };
  };
  const nextSection = () => (draft.sections.length < MAX_EMBEDS ? void draft.sections.push({ description: [], fields: [] }) : nextMessage());

  const addText = (piece: string) => {
    // Buttons sit below a message's embeds, so text that follows them needs a message of its own.
    if (!isEmpty() && (draft.buttons.length > 0 || piece.length > room())) nextMessage();
    else if (section().fields.length > 0 || descriptionLength(section()) + PARAGRAPH.length + piece.length > LIMITS.description) nextSection();
    section().description.push(piece);
  };
  const addButton = (button: Button) => {
    if (button.actionId.length > LIMITS.customId || button.actionId.length === 0) {
      logger?.warn({ actionId: button.actionId.slice(0, 120) }, 'discord: button action id does not fit custom_id; button left out');
      return;
    }
    if (draft.buttons.length === LIMITS.rows * LIMITS.buttonsPerRow) nextMessage();
    // custom_id must be unique within a message.
    if (!draft.buttons.some((b) => b.actionId === button.actionId)) draft.buttons.push(button);
  };

  for (const block of reply.blocks) {
    if (block.type === 'buttons') {
      if (block.buttons.some((b) => b.label.length > BUTTON_VISIBLE)) {
        // Long choices are cut off on narrow screens: list them in full above numbered buttons.
        const list = block.buttons.map((b, i) => `**${i + 1}.** ${b.label}`).join('\n');
        splitText(list, LIMITS.description).forEach(addText);
        block.buttons.forEach((b, i) => addButton({ ...b, label: String(i + 1) }));
      } else {
        block.buttons.forEach(addButton);
      }
    } else if (block.type === 'fields') {
      for (const f of block.fields) {
        // Discord refuses blank field names and values; a zero-width space stands in.
        const field = { name: f.label.trim() ? clip(f.label, LIMITS.fieldName) : '\u200b', value: f.value.trim() ? clip(f.value, LIMITS.fieldValue) : '\u200b', inline: true };
        if (draft.buttons.length > 0 || field.name.length + field.value.length > room()) nextMessage();
        else if (section().fields.length === LIMITS.fields) nextSection();
        section().fields.push(field);
      }
    } else {
      textPieces(block).forEach(addText);
    }
  }
  nextMessage();
  const used = drafts.filter((d, i) => i === 0 || d.buttons.length > 0 || d.sections.some((s) => s.description.length + s.fields.length > 0));
  return used.map((d, i) => toMessage(d, used.length > 1 && title ? `${title} · ${i + 1}/${used.length}` : title, reply));
}

function toEmbed(section: Section, title: string, color: number): APIEmbed | undefined {
  if (!title && section.description.length === 0 && section.fields.length === 0) return undefined;
  return {
    color,
    ...(title ? { title } : {}),
    ...(section.description.length > 0 ? { description: section.description.join(PARAGRAPH) } : {}),
    ...(section.fields.length > 0 ? { fields: section.fields } : {}),
  };
}

function toMessage(draft: Draft, title: string, reply: MessageReply): DiscordMessage {
  const color = reply.errorCode ? COLOR.error : COLOR.normal;
  const embeds = draft.sections.map((s, i) => toEmbed(s, i === 0 ? title : '', color)).filter((e): e is APIEmbed => e !== undefined);
  const rows: DiscordMessage['components'] = [];
  for (let i = 0; i < draft.buttons.length; i += LIMITS.buttonsPerRow) {
    rows.push({
      type: ComponentType.ActionRow,
      components: draft.buttons.slice(i, i + LIMITS.buttonsPerRow).map((b) => ({
        type: ComponentType.Button,
        custom_id: b.actionId,
        label: b.label.trim() ? clip(b.label, LIMITS.label) : '…',
        style: b.style ? STYLE[b.style] : ButtonStyle.Secondary,
      })),
    });
  }
  // Discord refuses an empty message: a reply with no content at all still says something.
  if (embeds.length === 0 && rows.length === 0) embeds.push({ color, description: '\u200b' });
  return {
    embeds,
    components: rows,
    ...(reply.visibility === 'ephemeral' ? { flags: MessageFlags.Ephemeral } : {}),
    allowed_mentions: { parse: [] },
  };
}
