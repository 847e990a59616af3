import type { Logger } from '@aws-lambda-powertools/logger';
import { SocketModeReceiver } from '@slack/bolt';
import type { Config } from '../config';
import { slackLogger } from '../slack/logger';

/**
 * Bolt's Socket Mode receiver for a real workspace (SLACK_APP_TOKEN): Slack's requests come over a WebSocket the
 * bot opens, so a laptop needs no public Request URL. The same listeners run as over HTTP (`createSlackApp`).
 * Nothing connects until the app starts.
 */
export function socketModeReceiver(config: Config, logger: Logger): SocketModeReceiver {
  const appToken = config.slack.appToken;
  if (!appToken) throw new Error('Socket Mode needs SLACK_APP_TOKEN (an app-level token, xapp-…).');
  return new SocketModeReceiver({
    appToken,
    logger: slackLogger(logger),
    // apps.connections.open goes to the configured Web API (GovSlack, or a local stand-in in tests).
    installerOptions: { clientOptions: { slackApiUrl: config.slack.apiUrl } },
  });
}
