import { scopeOfRecord } from '../../teams/scope';
import type { JobHandler } from '../handler';
import { followRepaveApproval } from '../repave';

/** After an approval of a repave Palette holds: the PATCH once the quorum is met, the cards and the thread. */
export const repaveJob: JobHandler<'repave'> = async (job, deps) => {
  const record = await deps.store.get(job.clusterId);
  if (!record) return;
  await followRepaveApproval(deps, record, scopeOfRecord(deps, record));
};
