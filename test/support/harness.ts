import { resolve } from 'node:path';
import { beforeAll, beforeEach } from 'vitest';
import type { Content } from '../../src/core/content/loader.js';
import { loadContent } from '../../src/core/content/loader.js';
import type { CoreDeps } from '../../src/core/command.js';
import { createCore, type Core } from '../../src/core/core.js';
import type { Database } from '../../src/db/client.js';
import { createPgStore } from '../../src/db/store.js';
import type { Store } from '../../src/core/ports.js';
import type { Actor, Button, FormReply, MessageReply, Reply } from '../../src/core/types.js';
import { resetDatabase, testDatabase, type Target } from './databases.js';

let content: Content | undefined;
export function realContent(): Content {
  content ??= loadContent(resolve('content'));
  return content;
}

/** A deterministic random source (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FakeClock {
  constructor(public current = new Date('2026-11-25T10:00:00Z')) {}
  now = () => this.current;
  set(iso: string) {
    this.current = new Date(iso);
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const actor = (name: string, workspaceId = 'T1'): Actor => ({ platform: 'console', workspaceId, userId: name.toLowerCase(), displayName: name });

export interface Harness {
  db: Database;
  store: Store;
  core: Core;
  clock: FakeClock;
  content: Content;
  errors: unknown[];
  cmd(user: string, text: string, channel?: string): Promise<Reply[]>;
  click(user: string, actionId: string, channel?: string): Promise<Reply[]>;
  submit(user: string, formId: string, fields: Record<string, string>, channel?: string): Promise<Reply[]>;
}

/** Wires the real core to the real store on a shared, reset-per-test database. */
export function useHarness(target: Target, opts: { content?: () => Content; limits?: CoreDeps['limits'] } = {}): Harness {
  const h = { errors: [] as unknown[] } as Harness;
  beforeAll(async () => {
    h.db = await testDatabase(target);
  });
  beforeEach(async () => {
    await resetDatabase(h.db);
    h.clock = new FakeClock();
    h.content = opts.content?.() ?? realContent();
    h.store = createPgStore(h.db.db);
    h.errors = [];
    const logger = { info() {}, warn() {}, error: (obj: object) => h.errors.push(obj) };
    // Scripted tests click faster than any person; the rate limit has its own test with the real limits.
    const limits = opts.limits ?? { commandsPerMinute: 10_000, clicksPerMinute: 10_000 };
    h.core = createCore({ store: h.store, content: h.content, clock: h.clock, random: seeded(42), logger, limits });
    h.cmd = (user, text, channel = 'C1') => h.core.handle({ kind: 'command', actor: actor(user), channelId: channel, text });
    h.click = (user, actionId, channel = 'C1') => h.core.handle({ kind: 'action', actor: actor(user), channelId: channel, actionId });
    h.submit = (user, formId, fields, channel = 'C1') => h.core.handle({ kind: 'submit', actor: actor(user), channelId: channel, formId, fields });
  });
  return h;
}

export const messages = (replies: Reply[]): MessageReply[] => replies.filter((r): r is MessageReply => r.type === 'message');
export const forms = (replies: Reply[]): FormReply[] => replies.filter((r): r is FormReply => r.type === 'form');

export function buttons(replies: Reply[]): Button[] {
  return messages(replies).flatMap((m) => m.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : [])));
}

/** All visible text of the replies, for assertions on wording. */
export function textOf(replies: Reply[]): string {
  return replies
    .map((r) => {
      if (r.type === 'form') return [r.title, r.intro ?? '', ...r.fields.map((f) => f.label)].join('\n');
      const blocks = r.blocks.map((b) => {
        switch (b.type) {
          case 'text':
          case 'code':
            return b.text;
          case 'fields':
            return b.fields.map((f) => `${f.label}: ${f.value}`).join('\n');
          case 'bars':
            return [b.title, ...b.bars.map((x) => `${x.label} ${x.value}/${x.max}`)].join('\n');
          case 'buttons':
            return b.buttons.map((x) => x.label).join('\n');
          case 'divider':
            return '';
        }
      });
      return [r.title ?? '', ...blocks].join('\n');
    })
    .join('\n');
}

export const errorCode = (replies: Reply[]): string | undefined => messages(replies).find((m) => m.errorCode)?.errorCode;
