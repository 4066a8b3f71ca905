import type { HTTPReceiver } from '@slack/bolt';
import type { Logger } from '../../core/command.js';
import { sendJson, type HttpServer } from '../../http/server.js';

export const SLACK_EVENTS_PATH = '/slack/events';

/** Slack's replay window: a request more than 5 minutes from our clock is refused. */
const MAX_SKEW_SECONDS = 5 * 60;

/**
 * Mounts Bolt's HTTPReceiver on the shared server. Bolt verifies the v0 signature and refuses
 * stale timestamps; it accepts future-dated ones, so those are refused here first.
 */
export function mountSlackEndpoint(http: HttpServer, receiver: HTTPReceiver, opts: { logger: Logger; now: () => number; notReady: () => string | undefined }): void {
  http.route('POST', SLACK_EVENTS_PATH, (req, res) => {
    const reason = opts.notReady();
    if (reason) {
      sendJson(res, 503, { error: reason });
      return;
    }
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    if (Number.isFinite(timestamp) && timestamp - opts.now() / 1000 > MAX_SKEW_SECONDS) {
      opts.logger.warn({ timestamp }, 'slack request refused: timestamp more than 5 minutes in the future');
      res.writeHead(401).end();
      return;
    }
    try {
      receiver.requestListener(req, res);
    } catch (err) {
      opts.logger.error({ err }, 'slack request listener failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
    }
  });
}
