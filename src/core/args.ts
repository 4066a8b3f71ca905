import { z } from 'zod';
import { UserError } from './types.js';

/** Splits arguments on white space; quotes are not special (goal text is taken verbatim by its command). */
export function words(args: string): string[] {
  return args.trim().split(/\s+/).filter(Boolean);
}

// Building a zod schema costs far more than using one: one per range, built on first use.
const intSchemas = new Map<string, z.ZodCoercedNumber>();
function intSchema(min: number, max: number): z.ZodCoercedNumber {
  const key = `${min}:${max}`;
  let schema = intSchemas.get(key);
  if (!schema) intSchemas.set(key, (schema = z.coerce.number().int().min(min).max(max)));
  return schema;
}

/** Parses an integer argument within bounds, or throws a UserError with the given code. */
export function parseIntArg(value: string, min: number, max: number, code: string, what: string): number {
  const parsed = intSchema(min, max).safeParse(value);
  if (!parsed.success) throw new UserError(code, `${what} must be a whole number from ${min} to ${max} (got "${value.slice(0, 20)}").`);
  return parsed.data;
}

export const isNumber = (s: string | undefined): s is string => s !== undefined && /^[+-]?\d+$/.test(s);

/** Accepts one of `options` (case-insensitive), or throws a UserError naming them. */
export function oneOf<T extends string>(value: string, options: readonly T[], code: string, what: string): T {
  const v = value.toLowerCase() as T;
  if (options.includes(v)) return v;
  throw new UserError(code, `${what} must be one of: ${options.join(', ')} (got "${value.slice(0, 20)}").`);
}
