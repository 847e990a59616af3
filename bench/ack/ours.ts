/**
 * Child process: our ingress as it runs on `npm start` — the Hono app on @hono/node-server (size limit, signature
 * check on the raw body) and every listener of the Bolt app on our receiver.
 */
import { createHttpApp } from '../../src/http/app';
import { HonoBoltReceiver } from '../../src/http/receiver';
import { serveHttp } from '../../src/http/serve';
import { createSlackApp } from '../../src/slack/app';
import { announceReady } from '../lib/child';
import { listenerCount, listenerDeps } from './env';

const deps = listenerDeps();
const receiver = new HonoBoltReceiver({ logger: deps.logger });
const app = createSlackApp(deps, receiver);
const http = createHttpApp({ signingSecret: deps.config.slack.signingSecret, receiver, logger: deps.logger });
const server = await serveHttp(http.fetch);
announceReady({ url: `${server.url}/slack/events`, listeners: listenerCount(app) });
