import { createInterface } from 'node:readline';
import type { Core } from '../../core/core.js';
import { ansi, plain } from './render.js';
import { ConsoleSession } from './session.js';

/**
 * Reads commands from `input` line by line, in order, until end of input or /quit.
 * Works the same interactively and with piped stdin.
 */
export async function runConsole(
  core: Core,
  opts: { user: string; input: NodeJS.ReadableStream; output: NodeJS.WritableStream; interactive: boolean; session?: ConsoleSession },
): Promise<void> {
  const session = opts.session ?? new ConsoleSession(core, opts.user, opts.interactive ? ansi : plain);
  const write = (s: string) => {
    if (s) opts.output.write(`${s}\n`);
  };
  const rl = createInterface({ input: opts.input, terminal: false });
  write(`MLOps study bot · console mode as ${session.user}. Try: /quiz 3, /lesson next, /study help, /console`);
  const showPrompt = () => {
    if (opts.interactive) opts.output.write(session.prompt());
  };
  showPrompt();
  for await (const line of rl) {
    if (!opts.interactive && line.trim()) write(`${session.prompt()}${line}`);
    write(await session.handleLine(line));
    if (session.quit) break;
    showPrompt();
  }
  rl.close();
}
