import { StoreUnavailableError, type Store } from '../core/ports.js';
import { wrapMethods } from '../util/wrap-methods.js';

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08003',
  '08006',
]);

/** Whether an error (or its cause, as drizzle wraps driver errors) means "cannot reach the database". */
export function isConnectionError(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  }
  return false;
}

/** Turns connection failures of any store method into StoreUnavailableError, which the core answers kindly. */
export function withUnavailableErrors(store: Store): Store {
  return wrapMethods(store, async (_name, call) => {
    try {
      return await call();
    } catch (err) {
      throw isConnectionError(err) ? new StoreUnavailableError(err) : err;
    }
  });
}
