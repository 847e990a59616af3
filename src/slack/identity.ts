import type { Logger } from '@aws-lambda-powertools/logger';
import type { WebClient } from '@slack/web-api';
import type { Config } from '../config';
import { retryingOnce } from '../once';

/** Who the bot is in its workspace: what tells its own events from everyone else's. */
export interface BotIdentity {
  botId: string;
  botUserId: string;
}

/**
 * The bot's identity: from configuration when SLACK_BOT_ID and SLACK_BOT_USER_ID are both set, else learned with
 * `auth.test` when first asked — by the first Events API event, the only kind of request that needs it. Not
 * asked at start: a Web API call's first use costs tens of milliseconds of CPU, which a cold start's first request
 * (a command, a click) would pay though it never uses the answer. A failed `auth.test` is asked again next time.
 */
export function botIdentity(config: Config, client: WebClient, logger: Logger): () => Promise<BotIdentity> {
  const { botId, botUserId } = config.slack;
  if (botId && botUserId) {
    const known = Promise.resolve({ botId, botUserId });
    return () => known;
  }
  return retryingOnce(async () => {
    const answer = await client.auth.test();
    if (!answer.bot_id || !answer.user_id)
      throw new Error('auth.test named no bot: is the token a bot token?');
    logger.info("Learned the bot's identity with auth.test", {
      botId: answer.bot_id,
      botUserId: answer.user_id,
    });
    return { botId: answer.bot_id, botUserId: answer.user_id };
  });
}
