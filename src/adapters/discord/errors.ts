import { DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';
import { ChannelUnavailableError } from '../../core/ports.js';

/**
 * The interaction can no longer be answered: it expired (10062 Unknown interaction), someone
 * (another replica, a duplicate delivery) answered it first (40060), or its webhook is gone (10015).
 * Expected in normal operation; never worth an error log.
 */
export function isInteractionGone(err: unknown): err is DiscordAPIError {
  return (
    err instanceof DiscordAPIError &&
    (err.code === RESTJSONErrorCodes.UnknownInteraction ||
      err.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged ||
      err.code === RESTJSONErrorCodes.UnknownWebhook)
  );
}

/** Channel errors that retrying will not fix, as the core's ChannelUnavailableError; undefined otherwise. */
export function channelUnavailable(err: unknown): ChannelUnavailableError | undefined {
  if (!(err instanceof DiscordAPIError)) return undefined;
  switch (err.code) {
    case RESTJSONErrorCodes.UnknownChannel:
      return new ChannelUnavailableError('not_found', `Discord: ${err.message} (${err.code})`);
    case RESTJSONErrorCodes.MissingAccess:
    case RESTJSONErrorCodes.MissingPermissions:
      return new ChannelUnavailableError('forbidden', `Discord: ${err.message} (${err.code})`);
    case RESTJSONErrorCodes.InvalidActionOnArchivedThread:
      return new ChannelUnavailableError('archived', `Discord: ${err.message} (${err.code})`);
    default:
      return undefined;
  }
}
