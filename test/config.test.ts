import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';

describe('parseConfig', () => {
  it('defaults to console mode on embedded PGlite', () => {
    const result = parseConfig({});
    expect(result).toMatchObject({ ok: true, config: { DATA_DIR: './data', PORT: 3000, LOG_LEVEL: 'info', SLACK_API_URL: 'https://slack.com/api/' } });
    if (result.ok) expect(result.config.DATABASE_URL).toBeUndefined();
  });

  it('treats empty variables as unset', () => {
    expect(parseConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ ok: true, config: { PORT: 3000 } });
  });

  it('parses every documented variable', () => {
    const result = parseConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/study',
      PORT: '8080',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      SLACK_ADMIN_IDS: 'U1, U2,',
      DISCORD_TOKEN: 't',
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_PUBLIC_KEY: 'a'.repeat(64),
      DISCORD_GATEWAY: 'off',
      LOG_LEVEL: 'debug',
    });
    expect(result).toMatchObject({ ok: true, config: { PORT: 8080, SLACK_ADMIN_IDS: ['U1', 'U2'], DISCORD_GATEWAY: 'off', LOG_LEVEL: 'debug' } });
  });

  it('gives one line per problem, each naming its variable', () => {
    const result = parseConfig({ DATABASE_URL: 'mysql://x', PORT: '70000', LOG_LEVEL: 'loud', SLACK_BOT_TOKEN: 'abc', DISCORD_PUBLIC_KEY: 'xyz' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'DISCORD_PUBLIC_KEY', 'LOG_LEVEL', 'PORT', 'SLACK_BOT_TOKEN']);
  });

  it('requires the partner of a platform token', () => {
    const result = parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', DISCORD_TOKEN: 't' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual([expect.stringMatching(/^SLACK_SIGNING_SECRET: /), expect.stringMatching(/^DISCORD_APPLICATION_ID: /)]);
  });
});

describe('start-up with a bad environment', () => {
  it('exits 2 with one clear line per variable and no stack trace', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, DATABASE_URL: 'mysql://nope', PORT: 'eighty' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      'config error: DATABASE_URL: must be a postgres:// or postgresql:// URL',
      'config error: PORT: must be a port number from 1 to 65535',
    ]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
