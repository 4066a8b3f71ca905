import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type Logger as PinoLogger } from 'pino';

/** The id of the interaction being handled, added to every log line written while handling it. */
export const interactionContext = new AsyncLocalStorage<{ interactionId: string }>();

/** Keys whose values are never logged, wherever they appear in a log object. */
const SECRET_KEYS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'secret',
  'password',
  'authorization',
  'Authorization',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'DISCORD_TOKEN',
  'DISCORD_PUBLIC_KEY',
  'DATABASE_URL',
  'x-slack-signature',
  'x-signature-ed25519',
];

/** Each key at the top and two levels down (which covers `headers` and `*.headers`); fewer paths make every log line cheaper. */
const redactPaths = SECRET_KEYS.flatMap((k) => {
  const key = /^[A-Za-z_]\w*$/.test(k) ? `.${k}` : `["${k}"]`;
  return [key.replace(/^\./, ''), `*${key}`, `*.*${key}`];
});

/** Hides the password of a connection URL: postgres://user:***@host/db. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '***';
  }
}

export function createLogger(level: string, destination: NodeJS.WritableStream | number = 2): PinoLogger {
  return pino(
    {
      level,
      base: { service: 'mlops-study-bot' },
      redact: { paths: redactPaths, censor: '[redacted]' },
      mixin: () => interactionContext.getStore() ?? {},
    },
    typeof destination === 'number' ? pino.destination(destination) : destination,
  );
}
