import type { Deps } from '../deps';
import type { ClusterRecord } from '../domain/cluster';
import {
  checkPoolLimit,
  checkQuota,
  poolSizes,
  type QuotaAsk,
  type QuotaStage,
  type QuotaVerdict,
  quotaLine,
  type Usage,
  usageOf,
} from '../domain/quota';
import { type ClusterSpec, totalNodes } from '../domain/spec';
import type { Team } from '../domain/team';

/** A quota check's verdict with the line that shows the team's usage (none for a team without limits). */
export interface QuotaView {
  verdict: QuotaVerdict;
  line?: string;
}

/** The team's usage from its ledger, leaving out one cluster (the one being asked about). */
export async function teamUsage(deps: Pick<Deps, 'store'>, team: string, excluding?: string): Promise<Usage> {
  return usageOf(await deps.store.teamLedger(team), excluding);
}

/** A new request's ask: its pools. */
export function requestAsk(spec: Pick<ClusterSpec, 'controlPlane' | 'workerPools'>): QuotaAsk {
  return { kind: 'request', pools: poolSizes(spec) };
}

/**
 * A request against its team's quota at `stage` — the wizard's review and final submit (`review`: requests still
 * waiting count), the approval card (`approval`: what approving it would do) — with the line to show.
 */
export async function quotaView(
  deps: Pick<Deps, 'store'>,
  team: Team,
  spec: Pick<ClusterSpec, 'controlPlane' | 'workerPools'>,
  stage: QuotaStage,
  clusterId?: string,
): Promise<QuotaView> {
  const usage = await teamUsage(deps, team.name, clusterId);
  const ask = requestAsk(spec);
  const line = quotaLine(team, usage, ask, stage);
  return { verdict: checkQuota(team, usage, ask, stage), ...(line ? { line } : {}) };
}

/** Why the ledger refused an admission, from the ledger it read: the domain's numbers. */
function refusedWith(team: Team, usage: Usage, ask: QuotaAsk, stage: QuotaStage): QuotaVerdict {
  const verdict = checkQuota(team, usage, ask, stage);
  // The ledger said no but its numbers fit: it kept changing under this admission (practically never).
  return verdict.ok
    ? { ok: false, reason: `${team.name}'s quota kept changing while this was admitted.`, hint: 'Try again.' }
    : verdict;
}

/**
 * Admits an approval into the team's quota before the record is approved: the per-pool limit, then ONE
 * conditional write on the team's ledger (`admitToQuota`), so of approvals racing for the last nodes only those
 * that fit pass. An approval that loses its transition afterwards keeps the entry: a repeated approval finds it
 * admitted, the request's end (rejected, expired, failed) releases it, and the reconciler's audit demotes one
 * left by a crash.
 */
export async function admitApproval(
  deps: Pick<Deps, 'store'>,
  team: Team,
  record: Pick<ClusterRecord, 'id' | 'team' | 'spec'>,
): Promise<QuotaVerdict> {
  const ask = requestAsk(record.spec);
  const pool = checkPoolLimit(team, ask, 'approval');
  if (!pool.ok) return pool;
  const admission = await deps.store.admitToQuota(
    record.team,
    record.id,
    totalNodes(record.spec),
    team.quota,
  );
  if (admission.ok) return { ok: true };
  return refusedWith(team, usageOf(admission.ledger, record.id), ask, 'approval');
}

/**
 * Admits a resize into the team's quota before Palette is asked: growing is one conditional write on the team's
 * ledger (like an approval), shrinking always fits. The spec's nodes after the resize are what the ledger keeps.
 */
export async function admitResize(
  deps: Pick<Deps, 'store'>,
  team: Team,
  record: Pick<ClusterRecord, 'id' | 'team' | 'spec'>,
  resized: Pick<ClusterSpec, 'controlPlane' | 'workerPools'>,
  ask: Extract<QuotaAsk, { kind: 'resize' }>,
): Promise<QuotaVerdict> {
  const pool = checkPoolLimit(team, ask, 'scale');
  if (!pool.ok) return pool;
  const admission = await deps.store.resizeInQuota(record.team, record.id, totalNodes(resized), team.quota);
  if (admission.ok) return { ok: true };
  // The cluster's own nodes stay in the count: the resize adds only the difference.
  return refusedWith(team, usageOf(admission.ledger), ask, 'scale');
}
