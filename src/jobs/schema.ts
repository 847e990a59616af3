import { z } from 'zod';

const id = z.string().min(1).max(200);
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
  z.object({
    kind: z.literal('scale'),
    clusterId: id,
    pool: z.string().min(1).max(63),
    size: z.number().int().min(0),
    by: id,
  }),
  z.object({ kind: z.literal('home'), userId: id, notice: z.string().max(3_000).optional() }),
  z.object({ kind: z.literal('reconcile') }),
]);
