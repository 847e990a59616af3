import type { Context } from 'aws-lambda';
import type { Deps } from '../deps';
import { jobClusterId } from '../jobs/job';
import { parseJobPayload } from '../jobs/schema';
import { runJob } from '../jobs/worker';
import { retryingOnce } from '../once';
import { SLACK_BUDGET_MS } from '../slack/client';
import { createAwsDeps } from './deps';
import { readParameterSecrets } from './secrets';

/** How much of a refused payload a log line shows. */
const PAYLOAD_PREVIEW = 500;

/**
 * Runs one payload. An invalid one is logged and dropped — retrying it could never help; a job that fails throws,
 * so Lambda (or Scheduler) retries it: counted `retried` (after Lambda's last retry, the on-failure queue holds it).
 */
async function handlePayload(event: unknown, deps: Deps): Promise<void> {
  const parsed = parseJobPayload(event);
  if (!parsed.ok) {
    deps.logger.error('Dropped a payload that is not a job.', {
      problems: parsed.problems,
      payload: JSON.stringify(event ?? null).slice(0, PAYLOAD_PREVIEW),
    });
    deps.metrics.add('Jobs', 1, { kind: 'invalid', outcome: 'dropped' });
    return;
  }
  const { job } = parsed;
  try {
    await runJob(job, deps);
  } catch (error) {
    deps.logger.error('Job failed; it will be retried.', {
      jobKind: job.kind,
      clusterId: jobClusterId(job),
      error,
    });
    deps.metrics.add('Jobs', 1, { kind: job.kind, outcome: 'retried' });
    throw error;
  }
}

/**
 * The worker Lambda's handler around a way to build its Deps (once per container); the invocation's metrics are
 * written (EMF on stdout) before it returns or throws.
 */
export function createWorkerHandler(buildDeps: () => Promise<Deps>) {
  // A failed build (SSM unreachable, bad configuration) is retried by the next invocation, not cached.
  const deps = retryingOnce(buildDeps);
  return async (event: unknown, context?: Context): Promise<void> => {
    const ready = await deps();
    if (context) ready.logger.addContext(context);
    try {
      await handlePayload(event, ready);
    } finally {
      ready.metrics.flush();
    }
  };
}

/**
 * The worker Lambda: jobs from async invokes, Scheduler targets and the reconciler's `rate(1 minute)` schedule. A
 * job builds only the adapters it calls (createAwsDeps), so a quiet reconcile sweep loads DynamoDB's alone.
 */
export const handler = createWorkerHandler(async () =>
  createAwsDeps({
    serviceName: 'maas-chatops-worker',
    slackBudgetMs: SLACK_BUDGET_MS.worker,
    secrets: await readParameterSecrets(process.env),
  }),
);
