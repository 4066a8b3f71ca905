import type { Block, Button, FormReply, Reply } from '../../core/types.js';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
}

export const plain: Style = { bold: (s) => s, dim: (s) => s };
export const ansi: Style = { bold: (s) => `\x1b[1m${s}\x1b[22m`, dim: (s) => `\x1b[2m${s}\x1b[22m` };

/** The core's small Markdown dialect, for a terminal. */
export function markdownToTerminal(md: string, style: Style): string {
  return md
    .replace(/\*\*(.+?)\*\*/g, (_, s: string) => style.bold(s))
    .replace(/(^|[\s(])_(\S(?:.*?\S)?)_(?=$|[\s).,;:!?])/gm, (_, pre: string, s: string) => pre + style.dim(s));
}

function bar(value: number, max: number, width = 12): string {
  const filled = max > 0 ? Math.round((value / max) * width) : 0;
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

function block(b: Block, style: Style, buttons: Button[]): string {
  switch (b.type) {
    case 'text':
      return markdownToTerminal(b.text, style);
    case 'code':
      return b.text;
    case 'divider':
      return style.dim('─'.repeat(40));
    case 'fields':
      return b.fields.map((f) => `${style.bold(`${f.label}:`)} ${markdownToTerminal(f.value, style)}`).join('\n');
    case 'bars': {
      const width = Math.max(...b.bars.map((x) => x.label.length));
      const rows = b.bars.map((x) => `  ${x.label.padEnd(width)}  ${bar(x.value, x.max)} ${x.value}/${x.max}`);
      return `${style.bold(b.title)}\n${rows.join('\n')}`;
    }
    case 'buttons':
      return b.buttons
        .map((btn) => {
          buttons.push(btn);
          return `  ${buttons.length}) ${btn.label}`;
        })
        .join('\n');
  }
}

/** Renders replies as terminal text; returns the buttons in the numbers shown (1-based order). */
export function renderReplies(replies: Reply[], style: Style): { text: string; buttons: Button[]; form?: FormReply } {
  const buttons: Button[] = [];
  const parts: string[] = [];
  let form: FormReply | undefined;
  for (const r of replies) {
    if (r.type === 'form') {
      form = r;
      parts.push([style.bold(`── ${r.title} ──`), ...(r.intro ? [r.intro] : [])].join('\n'));
      continue;
    }
    const body = r.blocks.map((b) => block(b, style, buttons)).join('\n\n');
    parts.push(r.title ? `${style.bold(`── ${r.title} ──`)}\n${body}` : body);
  }
  if (buttons.length > 0) parts.push(style.dim('(type a number to choose)'));
  return { text: parts.join('\n\n'), buttons, ...(form ? { form } : {}) };
}
