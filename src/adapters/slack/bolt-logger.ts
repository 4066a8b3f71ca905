import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../core/command.js';

const asText = (parts: unknown[]) =>
  parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p))).join(' ');

/** Bolt's and the Web API client's log lines, through the app's logger (debug is dropped). */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  return {
    debug: () => {},
    info: (...msg: unknown[]) => logger.info({ component: 'slack' }, asText(msg)),
    warn: (...msg: unknown[]) => logger.warn({ component: 'slack' }, asText(msg)),
    error: (...msg: unknown[]) => logger.error({ component: 'slack', err: msg.find((m) => m instanceof Error) }, asText(msg)),
    setLevel: (l: LogLevel) => void (level = l),
    getLevel: () => level,
    setName: () => {},
  };
}
