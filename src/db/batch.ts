/**
 * Request coalescing for the hot paths (member and group lookups, a session and its answers, the
 * answer write). A call made while the previous batch is still in flight waits and goes out with
 * every other call made meanwhile, in one query or transaction: under load, N concurrent calls cost
 * one round trip instead of N; an idle call goes out at once, so nothing waits on a timer.
 * A call is only ever answered by a batch sent after the call was made, so it never sees older data
 * than a query of its own would have.
 */

interface Waiter<I, O> {
  input: I;
  resolve: (value: O) => void;
  reject: (err: unknown) => void;
}

export interface BatchOptions<I> {
  /** Most inputs in one batch. */
  maxBatch: number;
  /** Most batches in flight at once (default 1). */
  maxInFlight?: number;
  /**
   * Inputs with the same conflict key never share a batch: the later ones wait for the next
   * (e.g. two answers that update the same review card).
   */
  conflictKey?: (input: I) => string;
}

/**
 * Runs `run` on batches of the inputs passed to the returned function, `maxInFlight` batches at a time.
 * `run` returns one outcome per input, in order: a value, or an Error for that input alone.
 * When `run` itself throws, every input of that batch is rejected with its error.
 */
export function batching<I, O>(run: (inputs: I[]) => Promise<(O | Error)[]>, options: BatchOptions<I>): (input: I) => Promise<O> {
  let queue: Waiter<I, O>[] = [];
  let inFlight = 0;
  const maxInFlight = options.maxInFlight ?? 1;

  function take(): Waiter<I, O>[] {
    const { conflictKey, maxBatch } = options;
    if (!conflictKey) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(maxBatch);
      return batch;
    }
    const batch: Waiter<I, O>[] = [];
    const rest: Waiter<I, O>[] = [];
    const keys = new Set<string>();
    for (const waiter of queue) {
      const key = conflictKey(waiter.input);
      if (batch.length < maxBatch && !keys.has(key)) {
        keys.add(key);
        batch.push(waiter);
      } else rest.push(waiter);
    }
    queue = rest;
    return batch;
  }

  async function drain(): Promise<void> {
    inFlight++;
    while (queue.length > 0) {
      const batch = take();
      try {
        const outcomes = await run(batch.map((w) => w.input));
        batch.forEach((w, i) => {
          const outcome = outcomes[i];
          if (outcome instanceof Error) w.reject(outcome);
          else w.resolve(outcome as O);
        });
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    inFlight--;
  }

  return (input) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      if (inFlight < maxInFlight) void drain();
    });
}

/**
 * A keyed lookup built on `batching`: `fetch` gets the distinct keys of a batch and returns what it
 * found by key; a key it did not find resolves to undefined.
 */
export function batchedLookup<K, V>(
  fetch: (keys: K[]) => Promise<Map<string, V>>,
  keyOf: (key: K) => string,
  { maxBatch = 200, maxInFlight = 2 }: Partial<BatchOptions<K>> = {},
): (key: K) => Promise<V | undefined> {
  return batching<K, V | undefined>(
    async (keys) => {
      const distinct = [...new Map(keys.map((k) => [keyOf(k), k])).values()];
      const found = await fetch(distinct);
      return keys.map((k) => found.get(keyOf(k)));
    },
    { maxBatch, maxInFlight },
  );
}
