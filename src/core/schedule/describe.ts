import { DateTime } from 'luxon';
import type { PostKind } from '../ports.js';
import { POST_KIND_LABEL } from './kinds.js';

/** `Mon 30 Nov 2026, 09:00 (UTC+1)`: local time with its offset, which shows a daylight-saving change. */
export function formatSlot(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat("ccc d LLL yyyy, HH:mm '(UTC'Z')'");
}

/** `- Daily drill: Mon 30 Nov 2026, 09:00 (UTC+1)` per next slot, soonest first. */
export function nextPostLines(next: { kind: PostKind; at: Date }[], zone: string): string {
  return [...next]
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.kind.localeCompare(b.kind))
    .map((n) => `- ${POST_KIND_LABEL[n.kind]}: ${formatSlot(n.at, zone)}`)
    .join('\n');
}
