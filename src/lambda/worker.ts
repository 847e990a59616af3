import type { Context } from 'aws-lambda';
import type { Deps } from '../deps';
import { type Job, jobClusterId } from '../jobs/job';
import { JobSchema } from '../jobs/schema';
import { runJob } from '../jobs/worker';
import { retryingOnce } from '../once';
import { SLACK_BUDGET_MS } from '../slack/client';
import { createAwsDeps } from './deps';
import { readParameterSecrets } from './secrets';

/** How much of a refused payload a log line shows. */
const PAYLOAD_PREVIEW = 500;

type Parsed = { ok: true; job: Job } | { ok: false; problems: string[] };

/** A payload as it arrives: the job object (async invoke) or its JSON text (a Scheduler target's Input). */
function parsePayload(event: unknown): Parsed {
  let payload = event;
  if (typeof event === 'string') {
    try {
      payload = JSON.parse(event);
    } catch {
      return { ok: false, problems: ['(payload): text that is not JSON'] };
    }
  }
  const result = JobSchema.safeParse(payload);
  if (result.success) return { ok: true, job: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`),
  };
}

/**
 * The worker Lambda's handler around a way to build its Deps (once per container). An invalid payload is logged
 * and dropped — retrying it could never help; a job that fails throws, so Lambda (or Scheduler) retries it.
 */
export function createWorkerHandler(buildDeps: () => Promise<Deps>) {
  // A failed build (SSM unreachable, bad configuration) is retried by the next invocation, not cached.
  const deps = retryingOnce(buildDeps);
  return async (event: unknown, context?: Context): Promise<void> => {
    const ready = await deps();
    if (context) ready.logger.addContext(context);
    const parsed = parsePayload(event);
    if (!parsed.ok) {
      ready.logger.error('Dropped a payload that is not a job.', {
        problems: parsed.problems,
        payload: JSON.stringify(event ?? null).slice(0, PAYLOAD_PREVIEW),
      });
      return;
    }
    const { job } = parsed;
    try {
      await runJob(job, ready);
    } catch (error) {
      ready.logger.error('Job failed; it will be retried.', {
        jobKind: job.kind,
        clusterId: jobClusterId(job),
        error,
      });
      throw error;
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
