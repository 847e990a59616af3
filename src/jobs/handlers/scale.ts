import type { Deps } from '../../deps';
import type { ClusterRecord } from '../../domain/cluster';
import { type Actor, decide } from '../../domain/policy';
import { checkResize, withPoolSize } from '../../domain/resize';
import type { ClusterSpec } from '../../domain/spec';
import { buildMachinePoolEntity } from '../../palette/build';
import type { MaasMachinePoolConfigEntity } from '../../palette/entities';
import { isRefusal } from '../../palette/errors';
import { cloudConfigUidOf } from '../../palette/leftovers';
import { resizeDetail, scaledMessage, scaleFailedMessage } from '../../slack/blocks/scale';
import { showMilestone } from '../../slack/milestone';
import { resolveActor } from '../../slack/roles';
import { postInThread } from '../../slack/thread';
import { decideAndApply } from '../decide-apply';
import type { JobHandler, JobOf } from '../handler';
import { withEstimateOf } from '../review-findings';
import { refreshStatusMessage } from '../status-message';

/**
 * The whole pool as Palette's machine-pool update takes it, at the new size: the pool Palette returned (so
 * nothing set in Palette's console is lost), or — when Palette does not list it — the pool built from our spec.
 */
async function resizedPoolEntity(
  deps: Deps,
  configUid: string,
  spec: ClusterSpec,
  poolName: string,
  size: number,
): Promise<MaasMachinePoolConfigEntity> {
  const config = await deps.palette.getCloudConfig(configUid);
  const known = config.pools.find((pool) => pool.name === poolName)?.entity;
  if (known) return { ...known, poolConfig: { ...known.poolConfig, size } };
  const resized = withPoolSize(spec, poolName, size);
  const worker = resized.workerPools.find((pool) => pool.name === poolName);
  return worker
    ? buildMachinePoolEntity(worker, 'worker')
    : buildMachinePoolEntity(resized.controlPlane, 'control-plane');
}

/** What became of the resize: sent to Palette, refused (by policy, the spec or Palette), or already done. */
type Sent = { kind: 'sent'; from: number } | { kind: 'refused'; reason: string } | { kind: 'done' };

/** Asks policy and the spec, then PUTs the whole pool at its new size. */
async function sendResize(
  deps: Deps,
  record: ClusterRecord,
  job: JobOf<'scale'>,
  actor: Actor,
): Promise<Sent> {
  const decision = decide('scale', actor, record, deps.now(), deps.config.policy);
  if (!decision.ok) return { kind: 'refused', reason: `${decision.reason} ${decision.hint}` };
  const check = checkResize(record.spec, job.pool, job.size);
  if (!check.ok) return { kind: 'refused', reason: check.message };
  if (check.from === job.size) return { kind: 'done' };
  const configUid = await cloudConfigUidOf(deps.palette, record);
  if (!configUid)
    return { kind: 'refused', reason: 'Palette does not say which cloud config the cluster uses.' };
  try {
    const pool = await resizedPoolEntity(deps, configUid, record.spec, job.pool, job.size);
    await deps.palette.updateMachinePool(configUid, pool);
    return { kind: 'sent', from: check.from };
  } catch (error) {
    if (isRefusal(error)) return { kind: 'refused', reason: error.message };
    throw error;
  }
}

/**
 * Resizes one pool: policy decides again (the cluster must still be running), the whole pool is PUT to Palette
 * with its new size, then a `scaled` transition ("worker-pool 2 → 5") updates the record's spec and its cost
 * estimate and marks the resize under way (`scaling`). The thread is told, the status message, the card and the
 * request message show it, and the poll follows the resize like a provisioning until the pool is ready. A
 * duplicate job finds the spec already at that size and does nothing.
 */
export const scaleJob: JobHandler<'scale'> = async (job, deps) => {
  const record = await deps.store.get(job.clusterId);
  if (!record) return;
  const actor = await resolveActor(deps, job.by);
  const facts = { name: record.name, pool: job.pool, to: job.size, by: job.by };
  const sent = await sendResize(deps, record, job, actor);
  if (sent.kind === 'refused')
    await postInThread(deps, record, scaleFailedMessage({ ...facts, reason: sent.reason }));
  if (sent.kind !== 'sent') return;
  const resized = withPoolSize(record.spec, job.pool, job.size);
  const review = await withEstimateOf(deps, record.review, resized);
  const outcome = await decideAndApply(deps, record, 'scale', actor, (current, at) => {
    const now = checkResize(current.spec, job.pool, job.size);
    if (!now.ok || now.from === job.size) return { nothingToDo: 'The pool already has this size.' };
    return {
      event: 'scaled',
      detail: resizeDetail({ pool: job.pool, from: now.from, to: job.size }),
      set: {
        spec: withPoolSize(current.spec, job.pool, job.size),
        scaling: { pool: job.pool, from: now.from, to: job.size, by: job.by, since: at },
        ...(review ? { review } : {}),
      },
    };
  });
  if (!outcome.ok) return;
  await postInThread(deps, outcome.record, scaledMessage({ ...facts, from: sent.from }));
  await showMilestone(deps, await refreshStatusMessage(deps, outcome.record));
  await deps.jobs.dispatch({ kind: 'poll', clusterId: record.id });
};
