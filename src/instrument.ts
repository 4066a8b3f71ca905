import { randomUUID } from 'node:crypto';
import type { Logger } from './core/command.js';
import { parseCommandText, type Core } from './core/core.js';
import type { Store } from './core/ports.js';
import type { Invocation, MessageReply } from './core/types.js';
import { interactionContext } from './logger.js';
import type { Metrics } from './metrics.js';
import { wrapMethods } from './util/wrap-methods.js';

/** A short, low-cardinality name for metrics: the command, or the action/form prefix. */
export function invocationName(inv: Invocation): string {
  if (inv.kind === 'command') {
    const { name, args } = parseCommandText(inv.text);
    const sub = name === 'study' ? (args.split(/\s+/)[0] ?? '').toLowerCase() : '';
    return /^[a-z-]{1,20}$/.test(name) ? (sub && /^[a-z-]{1,20}$/.test(sub) ? `${name} ${sub}` : name) : 'unknown';
  }
  const prefix = (inv.kind === 'action' ? inv.actionId : inv.formId).split(':')[0] ?? '';
  return `${inv.kind}:${/^[a-z-]{1,12}$/.test(prefix) ? prefix : 'unknown'}`;
}

export interface InstrumentedCore extends Core {
  /** Resolves when every invocation in progress has finished (for graceful shutdown). */
  drain(): Promise<void>;
  inFlight(): number;
}

/** Wraps the core: an id per interaction in every log line, latency metrics, and in-flight tracking. */
export function instrumentCore(core: Core, metrics: Metrics, logger: Logger): InstrumentedCore {
  const running = new Set<Promise<unknown>>();
  return {
    handle(inv) {
      const name = invocationName(inv);
      const stop = metrics.commandLatency.startTimer({ command: name, platform: inv.actor.platform });
      const work = interactionContext.run({ interactionId: randomUUID() }, async () => {
        const replies = await core.handle(inv);
        const failed = replies.find((r): r is MessageReply => r.type === 'message' && r.errorCode !== undefined);
        const errorCode = failed?.errorCode;
        stop({ outcome: errorCode === 'INTERNAL' ? 'error' : errorCode ? 'user_error' : 'ok' });
        logger.info({ kind: inv.kind, command: name, platform: inv.actor.platform, ...(errorCode ? { errorCode } : {}) }, 'handled');
        return replies;
      });
      running.add(work);
      void work.finally(() => running.delete(work));
      return work;
    },
    async drain() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    inFlight: () => running.size,
  };
}

const ANSWER_METHODS: Record<string, string> = { recordAnswer: 'quiz', recordInterviewAnswer: 'interview', recordDrillAnswer: 'daily-question' };

/** Wraps every store method: counts failures by operation and first-time answers by kind. */
export function instrumentStore(store: Store, metrics: Metrics): Store {
  return wrapMethods(store, async (name, call) => {
    try {
      const result = await call();
      const kind = ANSWER_METHODS[name];
      if (kind && (result as { recorded?: boolean } | undefined)?.recorded) metrics.answersRecorded.inc({ kind });
      return result;
    } catch (err) {
      metrics.databaseErrors.inc({ operation: name });
      throw err;
    }
  });
}
