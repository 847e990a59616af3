import type { Logger } from '@aws-lambda-powertools/logger';
import { type AnyMiddlewareArgs, ignoreSelf, type Middleware } from '@slack/bolt';
import type { BotIdentity } from './identity';

/**
 * Bolt's `ignoreSelf` with the bot's identity as `identity` resolves it: drops the Events API events the bot caused
 * itself (its own messages, events whose user is the bot). Only events ask for the identity; commands, clicks,
 * submissions and options never do. If it cannot be learned, the event goes through with a warning: the events
 * the bot subscribes to cannot loop, and dropping one would lose a person's request.
 */
export function ignoreOwnEvents(
  identity: () => Promise<BotIdentity>,
  logger: Logger,
): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    if (!('event' in args) || args.event === undefined) return args.next();
    try {
      Object.assign(args.context, await identity());
    } catch (error) {
      logger.warn("The bot's identity is unknown: this event is not checked for being its own.", { error });
      return args.next();
    }
    return ignoreSelf(args);
  };
}
