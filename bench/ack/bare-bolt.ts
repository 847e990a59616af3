/**
 * Child process: a bare Bolt 5 app with its default HTTPReceiver (`new App({ signingSecret, token })` +
 * `app.start(port)`) and the same two listeners the measured requests reach in ours — the `/maas` router and the
 * link-button ack — its Web API client pointed at the same emulated workspace.
 */
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import { acknowledgeLink, LINK_ACTION } from '../../src/slack/actions/link';
import { MAAS_COMMAND, maasCommand } from '../../src/slack/commands/maas';
import { announceReady } from '../lib/child';
import { listenerCount, listenerDeps } from './env';

const deps = listenerDeps();
const app = new App({
  signingSecret: deps.config.slack.signingSecret,
  token: deps.config.slack.botToken,
  clientOptions: { slackApiUrl: deps.config.slack.apiUrl },
});
app.command(MAAS_COMMAND, maasCommand(deps));
app.action(LINK_ACTION, acknowledgeLink);
const server = (await app.start({ port: 0, host: '127.0.0.1' })) as { address(): AddressInfo };
announceReady({
  url: `http://127.0.0.1:${server.address().port}/slack/events`,
  listeners: listenerCount(app),
});
