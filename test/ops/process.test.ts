import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_TOKEN, FakeSlack } from '../adapters/slack/fake-slack.js';
import { buttonsOf, SIGNING_SECRET, SlackDriver } from '../adapters/slack/slack-driver.js';
import { ADA } from '../adapters/slack/use-slack-app.js';
import { freePort } from '../support/ports.js';


/** The real process in server mode (Slack over HTTP against a local fake Slack), as an operator runs it. */
describe('the bot as a server process', () => {
  const fake = new FakeSlack();
  const dataDir = mkdtempSync(join(tmpdir(), 'study-bot-ops-'));
  beforeAll(async () => {
    await fake.start();
    fake.addUser(ADA);
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves probes and metrics, finishes in-flight work on SIGTERM, exits 0, and never logs a secret', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'debug' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let logs = '';
    const listening = new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        logs += d.toString();
        if (logs.includes('"msg":"listening"')) resolve();
      });
      child.on('exit', () => reject(new Error(`exited before listening:\n${logs}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await listening;
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready' });

    const slack = new SlackDriver(`${base}/slack/events`, fake);
    await slack.commandReply(ADA, '/progress');
    const quiz = await slack.commandReply(ADA, '/quiz', '1');
    const clicked = await slack.click(ADA, buttonsOf(quiz.body)[0]!);
    await fake.responseFor(clicked.responseId!);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/studybot_command_duration_seconds_count\{command="progress",platform="slack",outcome="ok"\} 1/);
    expect(metrics).toMatch(/studybot_answers_recorded_total\{kind="quiz"\} 1/);
    // Set while the commands waited their turn at the core; nothing waits now.
    expect(metrics).toMatch(/studybot_followups_waiting\{platform="slack"\} 0/);
    expect(metrics).toContain('# TYPE studybot_busy_refusals_total counter');
    console.info(`/metrics excerpt:\n${metrics.split('\n').filter((l) => l.startsWith('studybot_') && !l.includes('_bucket')).join('\n')}`);

    const sent = await Promise.all(Array.from({ length: 5 }, () => slack.command(ADA, '/lesson', 'list')));
    expect(sent.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const s of sent) expect((await fake.responseFor(s.responseId!)).body).toBeDefined();
    const shutdown = /"ms":(\d+),"msg":"shut down"/.exec(logs);
    expect(shutdown).not.toBeNull();
    console.info(`graceful shutdown took ${shutdown![1]} ms with ${sent.length} commands in flight`);
    expect(logs).not.toContain(BOT_TOKEN);
    expect(logs).not.toContain(SIGNING_SECRET);
  });
});
