import type { Poster } from '../../core/ports.js';
import { plain, renderReplies, type Style } from './render.js';
import type { ConsoleSession } from './session.js';

export interface ConsolePosterOptions {
  output: NodeJS.WritableStream;
  /** With a session, a post's buttons become the numbers to type and the prompt is shown again after it. */
  session?: ConsoleSession;
  style?: Style;
  /** Whether a person is typing at a prompt (then the prompt is redrawn under the post). */
  interactive?: boolean;
}

/** The console's outbound poster: the local study group's scheduled posts appear in the terminal. */
export function createConsolePoster(opts: ConsolePosterOptions): Poster {
  return {
    async post(_channel, reply, idempotencyKey) {
      const body = opts.session ? opts.session.showPost(reply) : renderReplies([reply], opts.style ?? plain).text;
      const prompt = opts.interactive && opts.session ? opts.session.prompt() : '';
      opts.output.write(`${opts.interactive ? '\n' : ''}${body}\n${prompt}`);
      return { messageId: `console:${idempotencyKey}` };
    },
  };
}
