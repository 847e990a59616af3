/**
 * Stands in, in the Lambda bundles only (`alias` in serverless.yml's `custom.esbuild`), for packages that
 * `@slack/bolt`'s entry imports for receivers a Lambda never builds: express and raw-body (ExpressReceiver,
 * HTTPReceiver), @slack/socket-mode (SocketModeReceiver) and @slack/oauth (installation flows). The bot hands Bolt
 * its own receiver and token, so none of their code is reached; leaving them out takes about a megabyte of
 * JavaScript off every cold start. Anything that did reach for them would find nothing here and fail loudly.
 */
export {};
