/** Runs at most `max` tasks at once; the others wait their turn in order. */
export type Limiter = (<T>(task: () => Promise<T>) => Promise<T>) & {
  /** Resolves when a new task would start at once: a place is free and nobody is waiting. */
  whenFree(): Promise<void>;
};

export function createLimiter(max: number): Limiter {
  let active = 0;
  const waiting: (() => void)[] = [];
  let freed: (() => void)[] = [];
  const run = async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await task();
    } finally {
      // Hand the place straight to the next task, so a newcomer cannot slip in between.
      const next = waiting.shift();
      if (next) next();
      else {
        active--;
        const watchers = freed;
        freed = [];
        for (const resolve of watchers) resolve();
      }
    }
  };
  return Object.assign(run, {
    whenFree: () => (active < max && waiting.length === 0 ? Promise.resolve() : new Promise<void>((resolve) => freed.push(resolve))),
  });
}
