import { describe, expect, it } from 'vitest';
import { batchedLookup, batching } from '../../src/db/batch.js';

/** A promise with its resolve function, to hold a batch in flight. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('batching', () => {
  it('sends an idle call at once, and the calls made meanwhile together in the next batch', async () => {
    const batches: number[][] = [];
    const held = gate();
    const run = batching<number, number>(
      async (inputs) => {
        batches.push(inputs);
        if (batches.length === 1) await held.promise;
        return inputs.map((i) => i * 10);
      },
      { maxBatch: 10 },
    );
    const first = run(1);
    expect(batches).toEqual([[1]]);
    const rest = [2, 3, 4].map(run);
    expect(batches).toHaveLength(1);
    held.open();
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('splits at maxBatch, runs at most maxInFlight batches at once, and keeps calls with one conflict key apart', async () => {
    const batches: string[][] = [];
    let inFlight = 0;
    let most = 0;
    const run = batching<string, string>(
      async (inputs) => {
        batches.push(inputs);
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight--;
        return inputs.map((s) => s.toUpperCase());
      },
      { maxBatch: 3, maxInFlight: 2, conflictKey: (s) => s[0]! },
    );
    const inputs = ['a1', 'b1', 'a2', 'c1', 'd1', 'e1', 'a3'];
    expect(await Promise.all(inputs.map(run))).toEqual(inputs.map((s) => s.toUpperCase()));
    expect(most).toBe(2);
    for (const batch of batches) {
      expect(batch.length).toBeLessThanOrEqual(3);
      expect(new Set(batch.map((s) => s[0])).size, JSON.stringify(batch)).toBe(batch.length);
    }
    // Calls with the same key keep their order across batches.
    const order = batches.flat().filter((s) => s.startsWith('a'));
    expect(order).toEqual(['a1', 'a2', 'a3']);
  });

  it('rejects only the inputs whose outcome is an Error, and every input of a batch whose run throws', async () => {
    let calls = 0;
    const run = batching<number, number>(
      async (inputs) => {
        if (++calls === 2) throw new Error('batch failed');
        return inputs.map((i) => (i === 2 ? new Error(`bad ${i}`) : i));
      },
      { maxBatch: 10 },
    );
    const held = [run(1)];
    const second = [run(2), run(3)];
    await expect(held[0]).resolves.toBe(1);
    expect((await Promise.allSettled(second)).map((o) => o.status)).toEqual(['rejected', 'rejected']);
    const third = await Promise.allSettled([run(2), run(4)]);
    expect(third[0]).toMatchObject({ status: 'rejected', reason: new Error('bad 2') });
    expect(third[1]).toMatchObject({ status: 'fulfilled', value: 4 });
  });
});

describe('batchedLookup', () => {
  it('asks for each distinct key once per batch and gives undefined for keys not found', async () => {
    const asked: string[][] = [];
    const held = gate();
    const lookup = batchedLookup(
      async (keys: string[]) => {
        asked.push(keys);
        if (asked.length === 1) await held.promise;
        return new Map(keys.filter((k) => k !== 'missing').map((k) => [k, k.length]));
      },
      (k) => k,
      { maxInFlight: 1 },
    );
    const first = lookup('a');
    const later = ['bb', 'bb', 'missing', 'ccc'].map(lookup);
    held.open();
    expect(await Promise.all([first, ...later])).toEqual([1, 2, 2, undefined, 3]);
    expect(asked).toEqual([['a'], ['bb', 'missing', 'ccc']]);
  });
});
