import { type AnyMiddlewareArgs, App, type CodedError, type Receiver } from '@slack/bolt';
import type { Deps } from '../deps';
import { errorSummary } from '../http/receiver';
import { registerActions } from './actions';
import { SLACK_BUDGET_MS, slackClientOptions } from './client';
import { registerCommands } from './commands';
import { registerEvents } from './events';
import { botIdentity } from './identity';
import { ignoreOwnEvents } from './ignore-own-events';
import { slackLogger } from './logger';
import { registerOptions } from './options';
import { registerViews } from './views';

/**
 * The Bolt app with every listener, on the given receiver. It makes no network call at start: the token is the
 * bot's own (no `auth.test` to authorize), and the bot's ids — which only its own-events check needs — come from
 * configuration or are learned by the first event (slack/identity). Its listeners answer within Slack's window.
 */
export function createSlackApp(deps: Deps, receiver: Receiver): App {
  const { config } = deps;
  const identity = botIdentity(config, deps.slack, deps.logger);
  const app = new App({
    receiver,
    // Bolt's `token` would need the ids up front or call auth.test per request; this answers at once. A new object
    // each time: Bolt adds the request's user and team to it.
    authorize: async () => ({ botToken: config.slack.botToken }),
    // Bolt's own check compares with ids it does not have here; ignoreOwnEvents runs it with the learned ones.
    ignoreSelf: false,
    processBeforeResponse: true,
    clientOptions: slackClientOptions(config, deps.logger, SLACK_BUDGET_MS.listener, deps.metrics),
    logger: slackLogger(deps.logger),
    extendedErrorHandler: true,
    // No listener reads `context.conversation`: without the store, Bolt skips one middleware on every request.
    convoStore: false,
  });
  // Logged, then swallowed: the receiver answers a request nobody acknowledged with a kind 200 (fallbackAnswer).
  app.error(async ({ error, body }: { error: CodedError; body: AnyMiddlewareArgs['body'] }) => {
    deps.logger.error('A Slack listener failed', { error: errorSummary(error), request: kind(body) });
  });
  app.use(ignoreOwnEvents(identity, deps.logger));
  registerCommands(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  registerOptions(app, deps);
  registerEvents(app, deps);
  return app;
}

/** What kind of request failed, without any of its content. */
function kind(request: AnyMiddlewareArgs['body']): string {
  const body = request as Record<string, unknown>;
  if (typeof body.command === 'string') return `command ${body.command}`;
  const event = body.event as { type?: unknown } | undefined;
  return [body.type, event?.type].filter((part) => typeof part === 'string').join(' ') || 'unknown';
}
