import type { Logger } from '../../src/core/command.js';
import type { ChannelRef, Poster } from '../../src/core/ports.js';
import type { MessageReply } from '../../src/core/types.js';
import { createScheduler, type Scheduler, type SchedulerDeps } from '../../src/scheduler/scheduler.js';
import { actor, seeded, type Harness } from '../support/harness.js';

export interface Posted {
  channel: ChannelRef;
  reply: MessageReply;
  key: string;
  /** The clock's time when it was posted. */
  at: Date;
}

const KINDS: Record<string, string> = { d: 'drill', r: 'reminder', w: 'digest' };
export const kindOf = (p: Posted) => KINDS[p.key.split(':')[1]!];

/** A Poster that records what it was asked to post, or throws what `failWith` returns for a channel. */
export class RecordingPoster implements Poster {
  posts: Posted[] = [];
  calls = 0;
  failWith: (channel: ChannelRef) => Error | undefined = () => undefined;

  constructor(private readonly now: () => Date = () => new Date()) {}

  async post(channel: ChannelRef, reply: MessageReply, key: string) {
    this.calls++;
    const err = this.failWith(channel);
    if (err) throw err;
    this.posts.push({ channel, reply, key, at: this.now() });
    return { messageId: `msg-${this.posts.length}` };
  }
}

export interface Logged {
  level: 'info' | 'warn' | 'error';
  obj: Record<string, unknown>;
  msg?: string;
}

export function recordingLogger(): Logger & { lines: Logged[] } {
  const lines: Logged[] = [];
  const at = (level: Logged['level']) => (obj: object, msg?: string) => void lines.push({ level, obj: obj as Record<string, unknown>, ...(msg ? { msg } : {}) });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

/** A scheduler on the harness's real core and store, posting to console channels through `poster`. */
export function schedulerFor(h: Harness, poster: Poster, extra: Partial<SchedulerDeps> = {}): { scheduler: Scheduler; logger: ReturnType<typeof recordingLogger> } {
  const logger = recordingLogger();
  const scheduler = createScheduler({ store: h.store, content: h.content, clock: h.clock, random: seeded(7), logger, posters: { console: poster }, ...extra });
  return { scheduler, logger };
}

/** `/study setup …` by an organiser in `channel`. */
export function setup(h: Harness, args: string, channel = 'C1') {
  return h.core.handle({ kind: 'command', actor: actor('Olga'), channelId: channel, text: `/study setup ${args}`, organiser: true });
}

/** Ticks at every `stepMinutes` from `from` to `to` (inclusive), moving the clock along. */
export async function tickThrough(h: Harness, scheduler: Scheduler, from: string, to: string, stepMinutes = 30): Promise<void> {
  for (let t = new Date(from).getTime(); t <= new Date(to).getTime(); t += stepMinutes * 60_000) {
    h.clock.set(new Date(t).toISOString());
    await scheduler.tick(h.clock.now());
  }
}
