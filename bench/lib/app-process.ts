import { spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../test/support/ports.js';

export interface AppProcess {
  url: string;
  pid: number;
  /** Where the app's logs (JSON, stdout and stderr) go. */
  logFile: string;
  /** The app's resident set size now, in MB (from /proc). */
  rssMb(): number;
  /** Log lines at error level or above so far (pino levels 50 and 60). */
  errorLines(): string[];
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (the app's PORT must be set; 0 is not accepted). */

/**
 * The real app as `npm start` runs it in server mode (src/main.ts: database, core, Slack and Discord
 * adapters, scheduler, HTTP server), in its own Node process with `env`, ready when /readyz says so.
 */
export async function startAppProcess(env: Record<string, string>, name: string, nodeArgs: string[] = []): Promise<AppProcess> {
  const port = await freePort();
  const logFile = join(tmpdir(), `bench-${name}-${process.pid}.log`);
  const out = openSync(logFile, 'w');
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', LOG_LEVEL: 'info', ...env, PORT: String(port) },
    stdio: ['ignore', out, out],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  let ready = false;
  for (let i = 0; i < 300 && !ready && child.exitCode === null; i++) {
    ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (!ready) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!ready) {
    child.kill('SIGKILL');
    throw new Error(`the app did not become ready; its log (${logFile}) ends with:\n${readFileSync(logFile, 'utf8').slice(-2000)}`);
  }
  return {
    url,
    pid: child.pid!,
    logFile,
    rssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
    },
    errorLines: () => readFileSync(logFile, 'utf8').split('\n').filter((line) => /"level":(50|60)\b/.test(line)),
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
