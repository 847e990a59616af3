import { decideAndApply } from '../../clusters/decide-apply';
import type { Deps } from '../../deps';
import type { ClusterRecord } from '../../domain/cluster';
import { type Actor, decide } from '../../domain/policy';
import { checkResize, withPoolSize } from '../../domain/resize';
import { type ClusterSpec, totalNodes } from '../../domain/spec';
import { buildMachinePoolEntity } from '../../palette/build';
import type { MaasMachinePoolConfigEntity } from '../../palette/entities';
import { isRefusal } from '../../palette/errors';
import { cloudConfigUidOf } from '../../palette/leftovers';
import type { Palette } from '../../palette/port';
import { resizeDetail, scaledMessage, scaleFailedMessage } from '../../slack/blocks/scale';
import { showMilestone } from '../../slack/milestone';
import { resolveActor } from '../../slack/roles';
import { postInThread } from '../../slack/thread';
import { admitResize } from '../../teams/quota';
import { scopeOfRecord, type TeamScope } from '../../teams/scope';
import type { JobHandler, JobOf } from '../handler';
import { withEstimateOf } from '../review-findings';
import { refreshStatusMessage } from '../status-message';

/**
 * The whole pool as Palette's machine-pool update takes it, at the new size: the pool Palette returned (so
 * nothing set in Palette's console is lost), or — when Palette does not list it — the pool built from our spec.
 */
async function resizedPoolEntity(
  palette: Palette,
  configUid: string,
  spec: ClusterSpec,
  poolName: string,
  size: number,
): Promise<MaasMachinePoolConfigEntity> {
  const config = await palette.getCloudConfig(configUid);
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

/** Puts the cluster's nodes in its team's ledger back to what its spec says (a resize that did not happen). */
async function keepQuotaAtSpec(deps: Deps, scope: TeamScope, record: ClusterRecord): Promise<void> {
  await deps.store.resizeInQuota(record.team, record.id, totalNodes(record.spec), scope.team.quota);
}

/**
 * Asks policy, the spec and — for a pool that grows — the team's quota (the nodes are admitted in its ledger
 * before Palette is asked, one conditional write), then PUTs the whole pool at its new size. A resize that is
 * then refused gives the nodes back.
 */
async function sendResize(
  deps: Deps,
  scope: TeamScope,
  record: ClusterRecord,
  job: JobOf<'scale'>,
  actor: Actor,
): Promise<Sent> {
  const decision = decide('scale', actor, record, deps.now(), scope.policy);
  if (!decision.ok) return { kind: 'refused', reason: `${decision.reason} ${decision.hint}` };
  const check = checkResize(record.spec, job.pool, job.size);
  if (!check.ok) return { kind: 'refused', reason: check.message };
  if (check.from === job.size) return { kind: 'done' };
  if (job.size > check.from) {
    const ask = { kind: 'resize', pool: job.pool, from: check.from, to: job.size } as const;
    const resized = withPoolSize(record.spec, job.pool, job.size);
    const quota = await admitResize(deps, scope.team, record, resized, ask);
    if (!quota.ok) return { kind: 'refused', reason: `${quota.reason} ${quota.hint}` };
  }
  const refused = async (reason: string): Promise<Sent> => {
    await keepQuotaAtSpec(deps, scope, record);
    return { kind: 'refused', reason };
  };
  const configUid = await cloudConfigUidOf(scope.palette, record);
  if (!configUid) return refused('Palette does not say which cloud config the cluster uses.');
  try {
    const pool = await resizedPoolEntity(scope.palette, configUid, record.spec, job.pool, job.size);
    await scope.palette.updateMachinePool(configUid, pool);
    return { kind: 'sent', from: check.from };
  } catch (error) {
    if (isRefusal(error)) return refused(error.message);
    throw error;
  }
}

/**
 * Resizes one pool: policy decides again (the cluster must still be running), a growing pool must fit the team's
 * quota, the whole pool is PUT to Palette with its new size, then a `scaled` transition ("worker-pool 2 → 5")
 * updates the record's spec and its cost estimate and marks the resize under way (`scaling`); a shrunk pool gives
 * its nodes back to the quota. The thread is told, the status message, the card and the request message show it,
 * and the poll follows the resize like a provisioning until the pool is ready. A
 * duplicate job finds the spec already at that size and does nothing.
 */
export const scaleJob: JobHandler<'scale'> = async (job, deps) => {
  const record = await deps.store.get(job.clusterId);
  if (!record) return;
  const scope = scopeOfRecord(deps, record);
  const actor = await resolveActor(deps, job.by, scope.team);
  const facts = { name: record.name, pool: job.pool, to: job.size, by: job.by };
  const sent = await sendResize(deps, scope, record, job, actor);
  if (sent.kind === 'refused')
    await postInThread(deps, record, scaleFailedMessage({ ...facts, reason: sent.reason }));
  if (sent.kind !== 'sent') return;
  const resized = withPoolSize(record.spec, job.pool, job.size);
  const review = await withEstimateOf(scope.palette, record.review, resized);
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
  if (job.size < sent.from) await keepQuotaAtSpec(deps, scope, outcome.record);
  await postInThread(deps, outcome.record, scaledMessage({ ...facts, from: sent.from }));
  await showMilestone(deps, await refreshStatusMessage(deps, outcome.record));
  await deps.jobs.dispatch({ kind: 'poll', clusterId: record.id });
};
