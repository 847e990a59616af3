import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import { handle } from 'hono/aws-lambda';
import { retryingOnce } from '../once';
import { readParameterSecrets } from './secrets';

type LambdaHandler = ReturnType<typeof handle>;

/**
 * Builds the HTTP runtime once per container, on the first request: the secrets, configuration, the Bolt app with
 * its listeners and the Hono app (the AWS adapters wait for their first use). Imported lazily so that the module
 * itself stays small (cold start) and a configuration error surfaces as a logged 503, retried on the next request.
 */
async function buildHandler(): Promise<LambdaHandler> {
  const [secrets, { createAwsDeps }, { SLACK_BUDGET_MS }, { createSlackHttp }] = await Promise.all([
    // Asked first: the extension reads them while the chunks below load.
    readParameterSecrets(process.env),
    import('./deps'),
    import('../slack/client'),
    import('../http/bot'),
  ]);
  const deps = createAwsDeps({
    serviceName: 'maas-chatops-http',
    slackBudgetMs: SLACK_BUDGET_MS.listener,
    secrets,
  });
  return handle(createSlackHttp(deps).http);
}

const ready = retryingOnce(buildHandler);

/** The `http` Lambda: API Gateway HTTP API (payload v2) → the Hono app (`POST /slack/events`, `GET /healthz`). */
export async function handler(event: LambdaEvent, context?: LambdaContext) {
  let run: LambdaHandler;
  try {
    run = await ready();
  } catch (error) {
    // No logger exists without a configuration; the message names variables, never their values (ConfigError).
    console.error(
      JSON.stringify({ level: 'ERROR', message: 'The http function cannot start', error: String(error) }),
    );
    return {
      statusCode: 503,
      headers: { 'content-type': 'text/plain' },
      body: 'Service unavailable.',
      isBase64Encoded: false,
    };
  }
  return run(event, context);
}
