import type { types } from '@slack/bolt';
import type { Block, Button, MessageReply } from '../../core/types.js';
import { codeSections, escapeMrkdwn, splitText, toMrkdwn, toPlain, truncate } from './mrkdwn.js';

/** Block Kit limits (docs.slack.dev/reference/block-kit). */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  elementsPerActions: 25,
  /** chat.postMessage truncates `text` past 40,000 characters; we keep a whole message under it. */
  messageChars: 40_000,
} as const;

/** A button "may truncate with ~30 characters" (Block Kit docs), so longer choices are listed in full above numbered buttons. */
const BUTTON_VISIBLE = 30;
const BAR_WIDTH = 12;

export interface SlackMessage {
  /** Notification and screen-reader fallback. */
  text: string;
  blocks: types.KnownBlock[];
}

const section = (text: string): types.SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const sections = (mrkdwn: string): types.SectionBlock[] => splitText(mrkdwn, SLACK_LIMITS.sectionText).map(section);

function buttonBlocks(buttons: Button[]): types.KnownBlock[] {
  const long = buttons.some((b) => b.label.length > BUTTON_VISIBLE);
  const list = long ? sections(buttons.map((b, i) => `*${i + 1}.* ${escapeMrkdwn(b.label)}`).join('\n')) : [];
  const elements: types.Button[] = buttons.map((b, i) => ({
    type: 'button',
    text: { type: 'plain_text', emoji: true, text: truncate(long ? `${i + 1}. ${b.label}` : b.label, long ? BUTTON_VISIBLE : SLACK_LIMITS.buttonText) },
    // The core's id travels in `value`; action_id is made unique per message when the message is packed.
    action_id: b.actionId.slice(0, SLACK_LIMITS.actionId - 4),
    value: b.actionId.slice(0, SLACK_LIMITS.buttonValue),
    ...(b.style ? { style: b.style } : {}),
  }));
  const rows: types.ActionsBlock[] = [];
  for (let i = 0; i < elements.length; i += SLACK_LIMITS.elementsPerActions) {
    rows.push({ type: 'actions', elements: elements.slice(i, i + SLACK_LIMITS.elementsPerActions) });
  }
  return [...list, ...rows];
}

function barChart(title: string, bars: { label: string; value: number; max: number }[]): types.SectionBlock[] {
  const width = Math.min(28, Math.max(...bars.map((b) => b.label.length)));
  const rows = bars.map((b) => {
    const filled = b.max > 0 ? Math.round((Math.min(b.value, b.max) / b.max) * BAR_WIDTH) : 0;
    const pct = b.max > 0 ? ` ${Math.round((b.value / b.max) * 100)}%` : '';
    return `${truncate(b.label, width).padEnd(width)} ${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)} ${b.value}/${b.max}${pct}`;
  });
  const heading = `*${escapeMrkdwn(title)}*`;
  const [first, ...rest] = codeSections(rows.join('\n'), SLACK_LIMITS.sectionText - heading.length - 1);
  return [section(`${heading}\n${first ?? ''}`), ...rest.map(section)];
}

function fieldSections(fields: { label: string; value: string }[]): types.SectionBlock[] {
  const texts = fields.map((f) => ({ type: 'mrkdwn' as const, text: truncate(`*${escapeMrkdwn(f.label)}*\n${toMrkdwn(f.value)}`, SLACK_LIMITS.fieldText) }));
  const out: types.SectionBlock[] = [];
  for (let i = 0; i < texts.length; i += SLACK_LIMITS.fieldsPerSection) out.push({ type: 'section', fields: texts.slice(i, i + SLACK_LIMITS.fieldsPerSection) });
  return out;
}

function blockToSlack(b: Block): types.KnownBlock[] {
  switch (b.type) {
    case 'text':
      return sections(toMrkdwn(b.text));
    case 'code':
      return codeSections(b.text, SLACK_LIMITS.sectionText).map(section);
    case 'divider':
      return [{ type: 'divider' }];
    case 'fields':
      return fieldSections(b.fields);
    case 'bars':
      return b.bars.length > 0 ? barChart(b.title, b.bars) : [];
    case 'buttons':
      return b.buttons.length > 0 ? buttonBlocks(b.buttons) : [];
  }
}

/** Every Slack block of one reply, before it is split into messages. */
export function replyBlocks(reply: MessageReply): types.KnownBlock[] {
  const header: types.KnownBlock[] = reply.title ? [{ type: 'header', text: { type: 'plain_text', emoji: true, text: truncate(toPlain(reply.title), SLACK_LIMITS.headerText) } }] : [];
  return [...header, ...reply.blocks.flatMap(blockToSlack)];
}

const blockChars = (b: types.KnownBlock) => JSON.stringify(b).length;

function fallbackText(blocks: types.KnownBlock[]): string {
  for (const b of blocks) {
    if (b.type === 'header') return b.text.text;
    if (b.type === 'section' && b.text) return truncate(b.text.text, 150);
  }
  return 'MLOps study bot';
}

/** Gives every button of a message its own action_id (Slack rejects duplicates within a message). */
export function uniqueActionIds(blocks: types.KnownBlock[]): types.KnownBlock[] {
  const used = new Set<string>();
  return blocks.map((b) => {
    if (b.type !== 'actions') return b;
    const elements = b.elements.map((e) => {
      if (e.type !== 'button' || !e.action_id) return e;
      let id = e.action_id;
      for (let n = 2; used.has(id); n += 1) id = `${e.action_id}#${n}`;
      used.add(id);
      return { ...e, action_id: id };
    });
    return { ...b, elements };
  });
}

/**
 * Packs consecutive replies into as few Slack messages as fit Slack's limits (50 blocks,
 * 40,000 characters); a header is never left as the last block of a message.
 */
export function packMessages(replies: MessageReply[]): SlackMessage[] {
  const all = replies.flatMap(replyBlocks);
  const messages: types.KnownBlock[][] = [];
  let current: types.KnownBlock[] = [];
  let chars = 0;
  for (const block of all) {
    const size = blockChars(block);
    if (current.length > 0 && (current.length >= SLACK_LIMITS.blocksPerMessage || chars + size > SLACK_LIMITS.messageChars)) {
      const carried = current.at(-1)?.type === 'header' && current.length > 1 ? [current.pop()!] : [];
      messages.push(current);
      current = carried;
      chars = carried.reduce((n, b) => n + blockChars(b), 0);
    }
    current.push(block);
    chars += size;
  }
  if (current.length > 0) messages.push(current);
  return messages.map((blocks) => ({ text: fallbackText(blocks), blocks: uniqueActionIds(blocks) }));
}
