/** The core's small Markdown dialect → Slack mrkdwn, and helpers for Slack's text limits. */

/** Slack reads &, < and > as control characters in mrkdwn; everything else is literal. */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** **bold** → *bold*, _italic_ stays, "- " bullets → "• "; nothing inside `code` spans changes. */
export function toMrkdwn(md: string): string {
  const bulleted = md.replace(/^([ \t]*)- /gm, '$1• ');
  return bulleted
    .split(/(`[^`\n]*`)/)
    .map((part, i) => (i % 2 === 1 ? escapeMrkdwn(part) : escapeMrkdwn(part).replace(/\*\*(.+?)\*\*/g, '*$1*')))
    .join('');
}

/** Markdown without its markers, for plain_text fields (headers, button labels, notifications). */
export function toPlain(md: string): string {
  return md
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/(^|[\s(])_(\S(?:.*?\S)?)_(?=$|[\s).,;:!?])/gm, '$1$2')
    .replace(/^([ \t]*)- /gm, '$1• ');
}

export function truncate(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

/** Splits text into pieces of at most `max` characters, preferring paragraph, line, then word breaks. */
export function splitText(s: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = s.trim();
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut <= 0) cut = max;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** A preformatted block as ``` sections of at most `max` characters each, split between lines. */
export function codeSections(code: string, max: number): string[] {
  const fence = '```';
  const room = max - 2 * fence.length - 2;
  const lines = escapeMrkdwn(code).split('\n').flatMap((line) => (line.length <= room ? [line] : (line.match(new RegExp(`[\\s\\S]{1,${room}}`, 'g')) ?? [])));
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of lines) {
    if (current.length > 0 && size + line.length + 1 > room) {
      chunks.push(current.join('\n'));
      current = [];
      size = 0;
    }
    current.push(line);
    size += line.length + 1;
  }
  if (current.length > 0) chunks.push(current.join('\n'));
  return chunks.map((c) => `${fence}\n${c}\n${fence}`);
}
