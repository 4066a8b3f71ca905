/** Runs at most `max` of the given tasks at once; the others wait their turn in order. */
export function createLimiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await task();
    } finally {
      // Hand the place straight to the next task, so a newcomer cannot slip in between.
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
