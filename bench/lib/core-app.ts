import { resolve } from 'node:path';
import type { Logger } from '../../src/core/command.js';
import { loadContent, type Content } from '../../src/core/content/loader.js';
import { createCore } from '../../src/core/core.js';
import type { Store } from '../../src/core/ports.js';
import type { Actor, Button, Reply } from '../../src/core/types.js';
import type { Db } from '../../src/db/client.js';
import { createPgStore } from '../../src/db/store.js';
import { instrumentCore, instrumentStore, type InstrumentedCore } from '../../src/instrument.js';
import { createMetrics } from '../../src/metrics.js';

let content: Content | undefined;
export function benchContent(): Content {
  content ??= loadContent(resolve('content'));
  return content;
}

/** A logger that drops info, counts warnings and keeps the first few errors for the report. */
export function quietLogger(): Logger & { warnings: number; errors: object[] } {
  const log = {
    warnings: 0,
    errors: [] as object[],
    info() {},
    warn() {
      log.warnings++;
    },
    error(obj: object) {
      if (log.errors.length < 20) log.errors.push(obj);
    },
  };
  return log;
}

export interface BenchCore {
  core: InstrumentedCore;
  store: Store;
  content: Content;
  logger: ReturnType<typeof quietLogger>;
}

/** The core and store as app.ts wires them (instrumented, real clock, default per-member limits). */
export function benchCore(db: Db): BenchCore {
  const metrics = createMetrics();
  const logger = quietLogger();
  const store = instrumentStore(createPgStore(db), metrics);
  const core = instrumentCore(createCore({ store, content: benchContent(), clock: { now: () => new Date() }, random: Math.random, logger }), metrics, logger);
  return { core, store, content: benchContent(), logger };
}

export const benchActor = (i: number, workspaceId = 'TBENCH'): Actor => ({ platform: 'slack', workspaceId, userId: `U${String(i).padStart(6, '0')}`, displayName: `Member ${i}` });

export function buttonsOf(replies: Reply[]): Button[] {
  return replies.flatMap((r) => (r.type === 'message' ? r.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : [])) : []));
}
