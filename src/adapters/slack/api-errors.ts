import { webApi } from '@slack/bolt';
import { ChannelUnavailableError } from '../../core/ports.js';

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The `error` string of a Web API platform error (`channel_not_found`, …), else undefined. */
export function slackErrorCode(err: unknown): string | undefined {
  if (err instanceof Error && (err as { code?: string }).code === webApi.ErrorCode.PlatformError) {
    return (err as webApi.WebAPIPlatformError).data.error;
  }
  return undefined;
}

/** Seconds Slack asked us to wait (HTTP 429 Retry-After), when the call was rate limited. */
export function retryAfterSeconds(err: unknown): number | undefined {
  if (err instanceof Error && (err as { code?: string }).code === webApi.ErrorCode.RateLimitedError) {
    return (err as webApi.WebAPIRateLimitedError).retryAfter;
  }
  return undefined;
}

const UNAVAILABLE: Record<string, ChannelUnavailableError['reason']> = {
  channel_not_found: 'not_found',
  not_in_channel: 'forbidden',
  missing_scope: 'forbidden',
  is_archived: 'archived',
};

/** Channel errors retrying will not fix, as the core's ChannelUnavailableError; anything else as it was. */
export function channelError(err: unknown, channelId: string): unknown {
  const code = slackErrorCode(err);
  const reason = code ? UNAVAILABLE[code] : undefined;
  return reason ? new ChannelUnavailableError(reason, `Slack channel ${channelId}: ${code}`) : err;
}

export const isChannelProblem = (err: unknown) => Boolean(UNAVAILABLE[slackErrorCode(err) ?? '']);

/** Runs a Web API call, waiting out 429s (Retry-After) up to `retries` times. */
export async function withRateLimitRetry<T>(call: () => Promise<T>, sleep: Sleep, retries = 3): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call();
    } catch (err) {
      const wait = retryAfterSeconds(err);
      if (wait === undefined || attempt >= retries) throw err;
      await sleep(Math.max(wait, 1) * 1000);
    }
  }
}
