import { createTask, type ScheduledTask } from 'node-cron';
import type { CoreDeps } from '../core/command.js';
import type { DueSlot, Group, Poster, PostKind } from '../core/ports.js';
import { buildScheduledPost } from '../core/schedule/posts.js';
import { catchUp, nextSlot } from '../core/schedule/slots.js';
import type { MessageReply, Platform } from '../core/types.js';
import { idempotencyKey, keyOf, logFields, postClaimed, settingsOf, type Outcome } from './deliver.js';
import { createLimiter } from './limit.js';

/** A due slot this replica claimed, with its attempt number (more than 1: retried after a crash or a failure). */
type Claimed = DueSlot & { attempt: number };

/** Claimed slots grouped by group, keeping their order. */
function byGroup(due: Claimed[]): Claimed[][] {
  const groups = new Map<number, Claimed[]>();
  for (const slot of due) groups.set(slot.groupId, [...(groups.get(slot.groupId) ?? []), slot]);
  return [...groups.values()];
}

export interface SchedulerOptions {
  /** Slots missed by up to this much (downtime) are posted late; older ones are skipped and logged. */
  graceMs: number;
  /** How long a claim is held; a claim not completed by then is taken over and retried. */
  leaseMs: number;
  /** Due slots read per query. */
  batchSize: number;
  /** Read-and-deliver rounds per tick at most, so one tick always ends. */
  maxBatches: number;
  /**
   * Groups posting at once on this replica; one group’s posts go one after another. Most of a
   * group's time is spent waiting for its channel's turn (a second per message on Slack), so this is
   * well above what the database or the platform serve at once; the posters pace the rest.
   */
  maxInFlight: number;
}

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = {
  graceMs: 3 * 60 * 60_000,
  leaseMs: 5 * 60_000,
  batchSize: 200,
  maxBatches: 50,
  maxInFlight: 256,
};

export interface SchedulerDeps extends CoreDeps {
  /** The outbound poster of each platform this replica can post to; groups of other platforms wait. */
  posters: Partial<Record<Platform, Poster>>;
  options?: Partial<SchedulerOptions>;
  /** Builds a slot's post; the core's drill, reminder and digest by default. */
  compose?: (group: Group, kind: PostKind, slot: Date) => Promise<MessageReply>;
  /** Called once per slot handled, e.g. to count outcomes in metrics. */
  onOutcome?: (kind: PostKind, outcome: Outcome) => void;
}

type Note = (kind: PostKind, outcome: Outcome) => void;

export type { Outcome };
export type TickReport = Record<Outcome, number>;

export interface Scheduler {
  /** Delivers every slot due at `now` (default: the clock's time). Never throws; failures are logged. */
  tick(now?: Date): Promise<TickReport>;
  /** Ticks now (catching up after downtime) and then at the start of every minute. */
  start(): void;
  /** Stops ticking and waits for a running tick to finish. */
  stop(): Promise<void>;
}

/**
 * Posts each group's scheduled drill, goal reminder and weekly digest exactly once, however many
 * replicas run it: slots come due through an indexed `next_run_at`, each is claimed in Postgres
 * before it is posted, and an unfinished claim is retried after its lease.
 */
export function createScheduler(deps: SchedulerDeps): Scheduler {
  const options = { ...DEFAULT_SCHEDULER_OPTIONS, ...deps.options };
  const { store, clock, logger } = deps;
  const compose = deps.compose ?? ((group, kind, slot) => buildScheduledPost(deps, group, kind, slot));
  const platforms = (Object.keys(deps.posters) as Platform[]).filter((p) => deps.posters[p]);
  const limit = createLimiter(options.maxInFlight);
  let task: ScheduledTask | undefined;
  let running: Promise<TickReport> | undefined;

  /** One group's claimed slots one after another (digest, drill, reminder), so they appear in that order. */
  async function postInOrder(slots: Claimed[], note: Note): Promise<void> {
    for (const slot of slots) {
      const poster = deps.posters[slot.group.platform]!;
      const outcome = await postClaimed({ store, logger, poster, compose, now: clock.now }, slot, slot.attempt).catch((err: unknown): Outcome => {
        logger.error({ ...logFields(slot), err }, 'scheduled post failed; it is retried when its claim’s lease runs out');
        return 'failed';
      });
      note(slot.kind, outcome);
      if (outcome === 'paused') break;
    }
  }

  /** Moves a slot missed by more than the grace window on to the first slot still within it. */
  async function skip(due: DueSlot, next: Date | undefined): Promise<Outcome> {
    if (!(await store.advanceSlot(keyOf(due), next))) return 'busy';
    logger.warn({ ...logFields(due), next: next?.toISOString() }, 'scheduled post skipped: missed by more than the grace window');
    return 'skipped';
  }

  /**
   * One round: read due slots, skip the stale, claim the rest in one statement, and start posting
   * what was claimed (`delivering` settles when those posts are done).
   */
  async function round(now: Date, note: Note): Promise<{ read: number; skipped: boolean; delivering: Promise<unknown> }> {
    const due = await store.dueSlots(now, platforms, options.batchSize);
    const current: DueSlot[] = [];
    let skipped = false;
    for (const d of due) {
      const plan = catchUp(settingsOf(d.group), d.kind, d.slot, now, options.graceMs);
      if (plan.post) {
        current.push(d);
      } else {
        const outcome = await skip(d, plan.next);
        skipped ||= outcome === 'skipped';
        note(d.kind, outcome);
      }
    }
    // A long tick must not hand out leases that are already running out.
    const at = new Date(Math.max(now.getTime(), clock.now().getTime()));
    const { claimed, completed } = await store.claimSlots(current.map(keyOf), at, new Date(at.getTime() + options.leaseMs));
    const [mine, done] = [new Map(claimed.map((c) => [idempotencyKey(c), c.attempt])), new Set(completed.map(idempotencyKey))];
    for (const d of current.filter((c) => !mine.has(idempotencyKey(c)))) {
      if (done.has(idempotencyKey(d))) await store.advanceSlot(keyOf(d), nextSlot(settingsOf(d.group), d.kind, d.slot));
      note(d.kind, 'busy');
    }
    const posting = current.flatMap((c) => (mine.has(idempotencyKey(c)) ? [{ ...c, attempt: mine.get(idempotencyKey(c))! }] : []));
    const delivering = Promise.all(byGroup(posting).map((slots) => limit(() => postInOrder(slots, note))));
    return { read: due.length, skipped, delivering };
  }

  async function tick(now = clock.now()): Promise<TickReport> {
    const report: TickReport = { posted: 0, skipped: 0, busy: 0, failed: 0, paused: 0 };
    const note: Note = (kind, outcome) => {
      report[outcome]++;
      deps.onOutcome?.(kind, outcome);
    };
    const deliveries: Promise<unknown>[] = [];
    try {
      for (let i = 0; i < options.maxBatches; i++) {
        // The next round reads and claims while earlier posts still wait for their channel's turn,
        // but only once a place is free, so a claim is posted soon, well within its lease.
        await limit.whenFree();
        const { read, skipped, delivering } = await round(now, note);
        deliveries.push(delivering);
        // A skipped slot may have moved to one that is due now: read again.
        if (read < options.batchSize && !skipped) break;
      }
    } catch (err) {
      logger.error({ err }, 'scheduler tick failed; the next tick retries');
    }
    await Promise.all(deliveries);
    if (report.posted + report.skipped + report.failed + report.paused > 0) logger.info({ ...report }, 'scheduler tick');
    return report;
  }

  function runTick() {
    running ??= tick().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    tick,
    start() {
      if (task) return;
      const cronLogger = { info: (m: string) => logger.info({}, m), warn: (m: string) => logger.warn({}, m), error: (m: string | Error) => logger.error({ err: m }, 'node-cron'), debug: () => {} };
      task = createTask('* * * * *', () => runTick(), { name: 'study-scheduler', noOverlap: true, logger: cronLogger });
      void task.start();
      void runTick();
    },
    async stop() {
      await task?.destroy();
      task = undefined;
      await running;
    },
  };
}
