/**
 * Returns an object whose async methods each run through `around(name, call)`, where `call`
 * invokes the original method with its arguments. Non-function properties are dropped.
 */
export function wrapMethods<T extends object>(target: T, around: (name: string, call: () => Promise<unknown>) => Promise<unknown>): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(target)) {
    if (typeof fn !== 'function') continue;
    wrapped[name] = (...args: unknown[]) => around(name, () => Promise.resolve((fn as (...a: unknown[]) => unknown).apply(target, args)));
  }
  return wrapped as T;
}
