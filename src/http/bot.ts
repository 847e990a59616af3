import type { App } from '@slack/bolt';
import type { Hono } from 'hono';
import type { Deps } from '../deps';
import { createSlackApp } from '../slack/app';
import { createHttpApp } from './app';
import { HonoBoltReceiver } from './receiver';
import type { VerifiedBodyEnv } from './verify';

/** What may differ between the runtimes that serve the bot over HTTP. */
export interface SlackHttpOptions {
  /** How long a listener may run before the request is answered anyway (the receiver's default otherwise). */
  ackTimeoutMs?: number;
  /** Milliseconds since the epoch, for the signature window (the real clock otherwise). */
  now?: () => number;
}

/** The bot over HTTP: the Bolt app with every listener, on our receiver, behind the Hono app that verifies Slack. */
export interface SlackHttp {
  /** The Bolt app (tests add a spy with `app.use`). */
  app: App;
  /** `POST /slack/events` and `GET /healthz`, for `@hono/node-server` or `hono/aws-lambda`. */
  http: Hono<VerifiedBodyEnv>;
}

/** Wires the bot's HTTP side the one way every runtime uses (Lambda, `npm start`, tests, benchmarks). */
export function createSlackHttp(deps: Deps, options: SlackHttpOptions = {}): SlackHttp {
  const receiver = new HonoBoltReceiver({
    logger: deps.logger,
    metrics: deps.metrics,
    ...(options.ackTimeoutMs !== undefined ? { ackTimeoutMs: options.ackTimeoutMs } : {}),
  });
  const app = createSlackApp(deps, receiver);
  const http = createHttpApp({
    signingSecret: deps.config.slack.signingSecret,
    receiver,
    logger: deps.logger,
    metrics: deps.metrics,
    ...(options.now ? { now: options.now } : {}),
  });
  return { app, http };
}
