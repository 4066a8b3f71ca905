import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../src/scheduler/limit.js';

/** Lets every settled promise's continuations run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createLimiter', () => {
  it('runs at most `max` tasks at once, in order, handing each freed place to the next task', async () => {
    const limit = createLimiter(3);
    const started: number[] = [];
    const release: (() => void)[] = [];
    const done = Array.from({ length: 7 }, (_, i) =>
      limit(async () => {
        started.push(i);
        await new Promise<void>((resolve) => release.push(resolve));
        return i;
      }),
    );
    await settle();
    expect(started).toEqual([0, 1, 2]);
    release.shift()!();
    // A task arriving just as a place frees up waits behind those already queued.
    const late = limit(async () => {
      started.push(99);
      return 99;
    });
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    while (release.length > 0) {
      release.shift()!();
      await settle();
    }
    expect(await Promise.all([...done, late])).toEqual([0, 1, 2, 3, 4, 5, 6, 99]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 99]);
  });

  it('frees the place of a task that throws', async () => {
    const limit = createLimiter(1);
    await expect(limit(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limit(async () => 'next')).toBe('next');
  });
});

describe('createLimiter().whenFree', () => {
  it('resolves when a new task would start at once, not while every place is taken or handed on', async () => {
    const limit = createLimiter(1);
    const release: (() => void)[] = [];
    const task = () => limit(() => new Promise<void>((resolve) => release.push(resolve)));
    await limit.whenFree();
    const first = task();
    const second = task();
    let free = false;
    const watching = limit.whenFree().then(() => void (free = true));
    await settle();
    release.shift()!(); // the place goes straight to the waiting task
    await first;
    await settle();
    expect(free).toBe(false);
    release.shift()!();
    await second;
    await watching;
    expect(free).toBe(true);
  });
});
