import { App, HTTPReceiver, SocketModeReceiver, webApi } from '@slack/bolt';
import type { AdapterDeps, PlatformAdapter } from '../types.js';
import { realSleep, type Sleep } from './api-errors.js';
import { boltLogger } from './bolt-logger.js';
import { createDeliveryDedupe } from './dedupe.js';
import { mountSlackEndpoint, SLACK_EVENTS_PATH } from './endpoint.js';
import { registerListeners } from './listeners.js';
import { createMemberDirectory } from './members.js';
import { createSlackPoster } from './poster.js';
import { createReplier } from './replies.js';

export interface SlackAdapterOptions {
  /** Least gap between two group posts in one channel; Slack allows about one message a second. */
  postIntervalMs?: number;
  sleep?: Sleep;
  now?: () => number;
  /** See FOLLOW_UPS_AT_ONCE and FOLLOW_UP_BACKLOG in listeners.ts. */
  followUpsAtOnce?: number;
  followUpBacklog?: number;
}

const DEDUPE_MS = 10 * 60_000;
const STOP_WAIT_MS = 10_000;

/**
 * Slack through Bolt: over HTTP on the shared server at POST /slack/events, or over Socket Mode
 * when SLACK_APP_TOKEN is set. The Web API client (and Socket Mode's apps.connections.open) use
 * SLACK_API_URL.
 */
export function createSlackAdapter(deps: AdapterDeps, options: SlackAdapterOptions = {}): PlatformAdapter {
  const { config, core, logger, http } = deps;
  const token = config.SLACK_BOT_TOKEN;
  if (!token) throw new Error('SLACK_BOT_TOKEN is required for the Slack adapter');
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  const log = boltLogger(logger);
  const base = { slackApiUrl: config.SLACK_API_URL, timeout: 10_000 };

  const receiver = socketMode
    ? new SocketModeReceiver({ appToken: config.SLACK_APP_TOKEN!, logger: log, installerOptions: { clientOptions: { ...base } } })
    : new HTTPReceiver({ signingSecret: config.SLACK_SIGNING_SECRET ?? '', endpoints: SLACK_EVENTS_PATH, logger: log });
  // 429s come back to us (rejectRateLimitedCalls) so the wait is ours; other failures retry briefly.
  const clientOptions = { ...base, rejectRateLimitedCalls: true, retryConfig: { retries: 2, minTimeout: 250, maxTimeout: 2000 } };
  const app = new App({ token, receiver, logger: log, clientOptions, deferInitialization: true, convoStore: false });

  // Group posts go through a client that never re-sends a request on its own: a post Slack accepted
  // but whose answer was lost would appear twice. The scheduler retries it later, after a lookup.
  const postClient = new webApi.WebClient(token, { ...clientOptions, logger: log, retryConfig: { retries: 0 } });
  for (const client of [app.client, postClient]) client.on(webApi.WebClientEvent.RATE_LIMITED, () => deps.onRateLimited?.('slack'));

  let authenticated = false;
  let socketStarted = false;
  let connected = false;
  let stopping = false;
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work)).catch(() => undefined);
    return work;
  };

  registerListeners(app, {
    core,
    logger,
    track,
    members: createMemberDirectory({ client: app.client, adminIds: config.SLACK_ADMIN_IDS, logger, now }),
    deliver: createReplier({ client: app.client, logger, sleep }),
    dedupe: createDeliveryDedupe(DEDUPE_MS, now),
    followUpsAtOnce: options.followUpsAtOnce,
    followUpBacklog: options.followUpBacklog,
    onWaiting: (waiting) => deps.onFollowUpsWaiting?.('slack', waiting),
    onBusy: () => deps.onBusy?.('slack'),
  });
  app.error(async (err) => logger.error({ err }, 'slack: unhandled error in Bolt'));

  async function readiness(): Promise<string | undefined> {
    if (stopping) return 'slack adapter stopping';
    if (!authenticated) return 'slack auth.test has not succeeded';
    if (socketMode && !connected) return 'slack socket mode not connected';
    return undefined;
  }

  if (receiver instanceof SocketModeReceiver) {
    receiver.client.on('connected', () => void (connected = true));
    for (const state of ['disconnecting', 'disconnected', 'reconnecting']) receiver.client.on(state, () => void (connected = false));
  } else {
    mountSlackEndpoint(http, receiver, { logger, now, notReady: () => (stopping ? 'slack adapter stopping' : authenticated ? undefined : 'slack adapter not started') });
  }

  const poster = createSlackPoster({ client: postClient, sleep, now, logger, ...(options.postIntervalMs !== undefined ? { intervalMs: options.postIntervalMs } : {}) });

  return {
    platform: 'slack',
    poster: { post: (channel, reply, key, postOptions) => track(poster.post(channel, reply, key, postOptions)) },
    async start() {
      try {
        await app.init(); // auth.test: proves the token and the API URL
      } catch (err) {
        throw new Error(`Slack auth.test failed (${err instanceof Error ? err.message : String(err)}): check SLACK_BOT_TOKEN and SLACK_API_URL`);
      }
      authenticated = true;
      if (socketMode) {
        try {
          socketStarted = true;
          await app.start(); // apps.connections.open, then the WebSocket until Slack says hello
        } catch (err) {
          throw new Error(`Slack Socket Mode could not connect (${err instanceof Error ? err.message : String(err)}): check SLACK_APP_TOKEN`);
        }
      }
      logger.info({ mode: socketMode ? 'socket' : 'http' }, 'slack adapter started');
    },
    async stop() {
      stopping = true;
      // Also while reconnecting: stopping the receiver ends Socket Mode's reconnect attempts.
      const disconnect = socketStarted ? app.stop() : undefined;
      socketStarted = false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)));
      await Promise.race([Promise.allSettled([disconnect, ...inFlight]), timeout]);
      clearTimeout(timer);
    },
    readiness,
  };
}
