import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, interactionContext, maskUrl } from '../../src/logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

const SECRETS = {
  SLACK_BOT_TOKEN: 'xoxb-111-222-secretbot',
  SLACK_SIGNING_SECRET: 'sign-secret-abc123',
  SLACK_APP_TOKEN: 'xapp-1-secretapp',
  DISCORD_TOKEN: 'discord.secret.token',
  DATABASE_URL: 'postgres://bot:db-password-42@db:5432/study',
};

describe('logger', () => {
  it('never writes tokens, signing secrets or database passwords, wherever they sit in a log object', () => {
    const { lines, stream } = capture();
    const logger = createLogger('info', stream);
    logger.info({ config: SECRETS }, 'config');
    logger.info({ ...SECRETS }, 'flat');
    logger.info({ req: { headers: { authorization: `Bearer ${SECRETS.DISCORD_TOKEN}`, 'x-slack-signature': 'v0=abc' } } }, 'request');
    logger.error({ client: { token: SECRETS.SLACK_BOT_TOKEN, signingSecret: SECRETS.SLACK_SIGNING_SECRET } }, 'client');
    const out = lines.join('\n');
    expect(lines).toHaveLength(4);
    for (const secret of [...Object.values(SECRETS), 'db-password-42', 'v0=abc']) expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });

  it('masks the password of a connection URL', () => {
    expect(maskUrl(SECRETS.DATABASE_URL)).toBe('postgres://bot:***@db:5432/study');
    expect(maskUrl('not a url')).toBe('***');
  });

  it('adds the interaction id to every line written while handling an interaction', async () => {
    const { lines, stream } = capture();
    const logger = createLogger('info', stream);
    await interactionContext.run({ interactionId: 'abc-123' }, async () => {
      logger.info({}, 'inside');
      await Promise.resolve();
      logger.warn({}, 'still inside');
    });
    logger.info({}, 'outside');
    const parsed = lines.map((l) => JSON.parse(l) as { msg: string; interactionId?: string });
    expect(parsed.map((p) => [p.msg, p.interactionId])).toEqual([
      ['inside', 'abc-123'],
      ['still inside', 'abc-123'],
      ['outside', undefined],
    ]);
  });
});
