/**
 * Child process, a what-if for the results: our ingress (Hono app, our receiver, the same Bolt options) with ONE
 * Bolt listener per surface instead of one per action id — the `/maas` router, one action listener routing by
 * action id in a Map, and a catch-all for views, options and events. It measures what consolidating the listener
 * registries would gain: Bolt runs every registered listener's middleware chain for every request.
 */
import { App } from '@slack/bolt';
import { createHttpApp } from '../../src/http/app';
import { HonoBoltReceiver } from '../../src/http/receiver';
import { serveHttp } from '../../src/http/serve';
import { acknowledgeLink, LINK_ACTION } from '../../src/slack/actions/link';
import { SLACK_BUDGET_MS, slackClientOptions } from '../../src/slack/client';
import { MAAS_COMMAND, maasCommand } from '../../src/slack/commands/maas';
import { announceReady } from '../lib/child';
import { listenerCount, listenerDeps } from './env';

const deps = listenerDeps();
const receiver = new HonoBoltReceiver({ logger: deps.logger, metrics: deps.metrics });
// The same App options as createSlackApp (src/slack/app.ts): only the listener registries differ.
const app = new App({
  receiver,
  authorize: async () => ({ botToken: deps.config.slack.botToken }),
  ignoreSelf: false,
  processBeforeResponse: true,
  clientOptions: slackClientOptions(deps.config, deps.logger, SLACK_BUDGET_MS.listener, deps.metrics),
  convoStore: false,
  extendedErrorHandler: true,
});
app.error(async () => {});
const actions = [{ id: LINK_ACTION, handle: acknowledgeLink }];
app.command(MAAS_COMMAND, maasCommand(deps));
app.action(/.*/, async (args) => {
  const { action_id: actionId } = args.action as { action_id: string };
  const route = actions.find(({ id }) => id.test(actionId));
  if (route) await route.handle(args);
  else await args.ack();
});
app.view(/.*/, async ({ ack }) => ack());
app.options(/.*/, async ({ ack }) => ack({ options: [] }));
app.event(/.*/, async () => {});
const http = createHttpApp({
  signingSecret: deps.config.slack.signingSecret,
  receiver,
  logger: deps.logger,
  metrics: deps.metrics,
});
const server = await serveHttp(http.fetch);
announceReady({ url: `${server.url}/slack/events`, listeners: listenerCount(app) });
