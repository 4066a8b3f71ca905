import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { POINTS } from '../../src/core/scoring.js';
import { realContent } from '../support/harness.js';

/** `npm start` as a newcomer runs it: console mode, embedded database in DATA_DIR, input on stdin. */
function start(dataDir: string) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK_|DISCORD_|DATABASE_URL)/.test(k)));
  const child = spawn('npm', ['start', '--silent', '--', '--user', 'Tester'], { env: { ...env, DATA_DIR: dataDir, LOG_LEVEL: 'error' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let waiting: { test: (s: string) => boolean; resolve: () => void } | undefined;
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (waiting?.test(out)) {
      waiting.resolve();
      waiting = undefined;
    }
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    get out() {
      return out;
    },
    get err() {
      return err;
    },
    send: (line: string) => child.stdin.write(`${line}\n`),
    end: () => child.stdin.end(),
    exited,
    until: (test: (s: string) => boolean) =>
      new Promise<void>((resolve, reject) => {
        if (test(out)) return resolve();
        waiting = { test, resolve };
        void exited.then(() => reject(new Error(`process exited first.\nstdout:\n${out}\nstderr:\n${err}`)));
      }),
  };
}

describe('npm start (console mode)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'study-bot-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const content = realContent();
  let earned = 0;

  it('runs a quiz from stdin with feedback and shows the leaderboard and progress', async () => {
    const bot = start(dataDir);
    bot.send('/quiz 3');
    for (let i = 1; i <= 3; i++) {
      const header = `question ${i} of 3`;
      await bot.until((s) => s.includes(header) && s.lastIndexOf('(type a number to choose)') > s.lastIndexOf(header));
      const shown = bot.out.slice(bot.out.lastIndexOf(header));
      const q = content.questions.find((x) => shown.includes(x.stem));
      expect(q, `question ${i} is from the bank`).toBeDefined();
      earned += POINTS.firstCorrect[q!.difficulty];
      bot.send(String(q!.answer + 1));
      await bot.until((s) => s.includes(q!.explanation));
    }
    bot.send('/leaderboard');
    bot.send('/progress');
    bot.end();
    expect(await bot.exited).toBe(0);
    expect(bot.out).toContain('3 of 3 correct');
    expect(bot.out).toContain(`Tester · ${earned} pts`);
    expect(bot.out).toContain(`Points: ${earned}`);
    expect(bot.err).toBe('');
  });

  it('keeps the points after a restart', async () => {
    const bot = start(dataDir);
    bot.send('/leaderboard all');
    bot.end();
    expect(await bot.exited).toBe(0);
    expect(earned).toBeGreaterThan(0);
    expect(bot.out).toContain(`Tester · ${earned} pts`);
  });
});
