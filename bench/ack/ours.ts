/**
 * Child process: our ingress as it runs on `npm start` — the Hono app on @hono/node-server (size limit, signature
 * check on the raw body) and every listener of the Bolt app on our receiver.
 */
import { createSlackHttp } from '../../src/http/bot';
import { serveHttp } from '../../src/http/serve';
import { announceReady } from '../lib/child';
import { listenerCount, listenerDeps } from './env';

const deps = listenerDeps();
const { app, http } = createSlackHttp(deps);
const server = await serveHttp(http.fetch);
announceReady({ url: `${server.url}/slack/events`, listeners: listenerCount(app) });
