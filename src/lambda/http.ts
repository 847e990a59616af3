import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import { handle } from 'hono/aws-lambda';
import type { Metrics } from '../metrics/port';
import { retryingOnce } from '../once';
import { readParameterSecrets } from './secrets';

type LambdaHandler = ReturnType<typeof handle>;

/** The built runtime: the Hono app on Lambda, and the metrics each invocation writes before it returns. */
interface HttpRuntime {
  run: LambdaHandler;
  metrics: Metrics;
}

/**
 * Builds the HTTP runtime once per container, on the first request: the secrets, configuration, the Bolt app with
 * its listeners and the Hono app (the AWS adapters wait for their first use). Imported lazily so that the module
 * itself stays small (cold start) and a configuration error surfaces as a logged 503, retried on the next request.
 */
async function buildHandler(): Promise<HttpRuntime> {
  const [secrets, { createAwsDeps }, { SLACK_BUDGET_MS }, { createSlackHttp }] = await Promise.all([
    // Asked first: the extension reads them while the chunks below load.
    readParameterSecrets(process.env),
    import('./deps'),
    import('../slack/client'),
    import('../http/bot'),
  ]);
  const deps = await createAwsDeps({
    serviceName: 'maas-chatops-http',
    slackBudgetMs: SLACK_BUDGET_MS.listener,
    secrets,
  });
  return { run: handle(createSlackHttp(deps).http), metrics: deps.metrics };
}

const ready = retryingOnce(buildHandler);

/** The `http` Lambda: API Gateway HTTP API (payload v2) → the Hono app (`POST /slack/events`, `GET /healthz`). */
export async function handler(event: LambdaEvent, context?: LambdaContext) {
  let runtime: HttpRuntime;
  try {
    runtime = await ready();
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
  try {
    return await runtime.run(event, context);
  } finally {
    runtime.metrics.flush();
  }
}
