import { z } from 'zod';
import type { Job } from './job';

const id = z.string().min(1).max(200);
const Day2FeatureSchema = z.enum(['backup', 'configuration', 'penetration', 'conformance']);
const clusterJob = <K extends string>(kind: K) => z.object({ kind: z.literal(kind), clusterId: id });

/** A job as it arrives at the worker (invoke payload or Scheduler input): checked before anything runs. */
export const JobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('review-draft'), draftId: id, viewId: id }),
  clusterJob('review'),
  clusterJob('decision'),
  clusterJob('create'),
  clusterJob('poll'),
  clusterJob('expire'),
  clusterJob('delete'),
  clusterJob('force-delete-window'),
  clusterJob('force-delete'),
  clusterJob('lease'),
  clusterJob('extension'),
  z.object({
    kind: z.literal('scale'),
    clusterId: id,
    pool: z.string().min(1).max(63),
    size: z.number().int().min(0),
    by: id,
  }),
  z.object({ kind: z.literal('day2-start'), clusterId: id, feature: Day2FeatureSchema }),
  z.object({
    kind: z.literal('day2-follow'),
    clusterId: id,
    feature: Day2FeatureSchema,
    attempt: z.number().int().min(0),
  }),
  z.object({ kind: z.literal('home'), userId: id, notice: z.string().max(3_000).optional() }),
  z.object({ kind: z.literal('reconcile') }),
  z.object({ kind: z.literal('kubeconfig'), clusterId: id, userId: id, requestId: id }),
  clusterJob('repave'),
  clusterJob('summaries'),
]);

/** A payload read as a job, or what is wrong with it. */
export type ParsedJob = { ok: true; job: Job } | { ok: false; problems: string[] };

/**
 * A worker payload as it arrives — the job object (async invoke) or its JSON text (a Scheduler target's Input) —
 * checked with JobSchema.
 */
export function parseJobPayload(payload: unknown): ParsedJob {
  let value = payload;
  if (typeof payload === 'string') {
    try {
      value = JSON.parse(payload);
    } catch {
      return { ok: false, problems: ['(payload): text that is not JSON'] };
    }
  }
  const result = JobSchema.safeParse(value);
  if (result.success) return { ok: true, job: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`),
  };
}
