import type { ClusterSpec } from './spec';
import type { Team } from './team';

/** One cluster's line in its team's quota ledger: the nodes it holds, and whether an approval admitted them. */
export interface LedgerEntry {
  clusterId: string;
  nodes: number;
  /** False while the request waits for a decision; true once approved (until the cluster ends). */
  approved: boolean;
  /** When the entry took its current form. */
  since: string;
}

/** What a team's live requests and clusters hold, as its ledger says. */
export interface TeamLedger {
  team: string;
  entries: LedgerEntry[];
}

/** Clusters and nodes. */
export interface Tally {
  clusters: number;
  nodes: number;
}

/** A team's usage: approved clusters (approved, provisioning, running, deleting) and requests waiting. */
export interface Usage {
  approved: Tally;
  pending: Tally;
}

/** The usage in a ledger, leaving out one cluster (the one being asked about). */
export function usageOf(ledger: TeamLedger, excluding?: string): Usage {
  const usage: Usage = { approved: { clusters: 0, nodes: 0 }, pending: { clusters: 0, nodes: 0 } };
  for (const entry of ledger.entries) {
    if (entry.clusterId === excluding) continue;
    const tally = entry.approved ? usage.approved : usage.pending;
    tally.clusters += 1;
    tally.nodes += entry.nodes;
  }
  return usage;
}

/** Every pool of a spec with its size, control plane first. */
export function poolSizes(
  spec: Pick<ClusterSpec, 'controlPlane' | 'workerPools'>,
): { name: string; size: number }[] {
  return [spec.controlPlane, ...spec.workerPools].map((pool) => ({ name: pool.name, size: pool.size }));
}

/** What is asked of the quota: a new cluster with its pools, or a pool resized. */
export type QuotaAsk =
  | { kind: 'request'; pools: { name: string; size: number }[] }
  | { kind: 'resize'; pool: string; from: number; to: number };

/**
 * When the quota is checked. At `review` requests still waiting count too, so a team cannot queue more than its
 * quota; at `approval` and on `scale` only approved clusters count — a request is admitted when it is approved,
 * and that admission is one conditional write on the team's ledger, so two approvals cannot both take the last
 * nodes. A waiting request therefore never blocks the approval of another.
 */
export type QuotaStage = 'review' | 'approval' | 'scale';

/** The quota's answer: fits, or why not with the numbers, and what to do instead. */
export type QuotaVerdict = { ok: true } | { ok: false; reason: string; hint: string };

/** The nodes and clusters an ask adds. */
export function askedOf(ask: QuotaAsk): Tally {
  return ask.kind === 'request'
    ? { clusters: 1, nodes: ask.pools.reduce((sum, pool) => sum + pool.size, 0) }
    : { clusters: 0, nodes: ask.to - ask.from };
}

/** What counts against the quota at this stage (the ask aside). */
function counted(usage: Usage, stage: QuotaStage): Tally {
  if (stage !== 'review') return usage.approved;
  return {
    clusters: usage.approved.clusters + usage.pending.clusters,
    nodes: usage.approved.nodes + usage.pending.nodes,
  };
}

/** "(approved 30, pending 10, this request 6)": what makes up a total. */
function breakdown(usage: Usage, stage: QuotaStage, dimension: keyof Tally, ask: QuotaAsk): string {
  const parts = [`approved ${usage.approved[dimension]}`];
  if (stage === 'review') parts.push(`pending ${usage.pending[dimension]}`);
  const added = askedOf(ask)[dimension];
  parts.push(ask.kind === 'request' ? `this request ${added}` : `this resize +${added}`);
  return `(${parts.join(', ')})`;
}

const HINTS: Record<QuotaStage, (team: string) => string> = {
  review: (team) =>
    `Make the request smaller, wait until a cluster of ${team} is deleted (or a waiting request decided), or ask an admin of ${team} to raise its quota.`,
  approval: (team) =>
    `The request keeps waiting: delete a cluster of ${team} first, or ask an admin of ${team} to raise its quota, then approve again.`,
  scale: (team) =>
    `Resize less, delete a cluster of ${team} first, or ask an admin of ${team} to raise its quota.`,
};

/** Checks only the team's per-pool limit (it needs no usage: it holds for each pool on its own). */
export function checkPoolLimit(
  team: Pick<Team, 'name' | 'quota'>,
  ask: QuotaAsk,
  stage: QuotaStage,
): QuotaVerdict {
  const limit = team.quota.nodesPerPool;
  if (limit === undefined) return { ok: true };
  const pools = ask.kind === 'request' ? ask.pools : [{ name: ask.pool, size: ask.to }];
  const over = pools.find((pool) => pool.size > limit);
  if (!over) return { ok: true };
  return {
    ok: false,
    reason: `Pool "${over.name}" would have ${over.size} nodes; ${team.name} allows at most ${limit} per pool.`,
    hint: HINTS[stage](team.name),
  };
}

/**
 * Checks an ask against the team's quota at a stage: every pool within `nodesPerPool`, then the team's clusters
 * and nodes with the ask added within `clusters` and `nodes`. A refusal gives the numbers: "payments would use
 * 46 of 40 nodes (approved 30, pending 10, this request 6)."
 */
export function checkQuota(
  team: Pick<Team, 'name' | 'quota'>,
  usage: Usage,
  ask: QuotaAsk,
  stage: QuotaStage,
): QuotaVerdict {
  const hint = HINTS[stage](team.name);
  const pool = checkPoolLimit(team, ask, stage);
  if (!pool.ok) return pool;
  const before = counted(usage, stage);
  const added = askedOf(ask);
  const { clusters, nodes } = team.quota;
  if (clusters !== undefined && added.clusters > 0 && before.clusters + added.clusters > clusters)
    return {
      ok: false,
      reason: `${team.name} would have ${before.clusters + added.clusters} of ${clusters} clusters ${breakdown(usage, stage, 'clusters', ask)}.`,
      hint,
    };
  if (nodes !== undefined && added.nodes > 0 && before.nodes + added.nodes > nodes)
    return {
      ok: false,
      reason: `${team.name} would use ${before.nodes + added.nodes} of ${nodes} nodes ${breakdown(usage, stage, 'nodes', ask)}.`,
      hint,
    };
  return { ok: true };
}

/**
 * The quota line of the review and the approval card: "Team quota: 34/40 nodes → 40/40 after this · 3/5
 * clusters → 4/5", then what was counted. Undefined for a team without limits.
 */
export function quotaLine(
  team: Pick<Team, 'name' | 'quota'>,
  usage: Usage,
  ask: QuotaAsk,
  stage: QuotaStage,
): string | undefined {
  const { clusters, nodes, nodesPerPool } = team.quota;
  if (clusters === undefined && nodes === undefined && nodesPerPool === undefined) return undefined;
  const before = counted(usage, stage);
  const added = askedOf(ask);
  const parts: string[] = [];
  if (nodes !== undefined)
    parts.push(`${before.nodes}/${nodes} nodes → ${before.nodes + added.nodes}/${nodes} after this`);
  if (clusters !== undefined)
    parts.push(`${before.clusters}/${clusters} clusters → ${before.clusters + added.clusters}/${clusters}`);
  if (nodesPerPool !== undefined) parts.push(`at most ${nodesPerPool} nodes per pool`);
  const waiting = usage.pending;
  const pending =
    stage === 'review'
      ? `Counting ${plural(waiting.clusters, 'other pending request')} (${waiting.nodes} nodes).`
      : waiting.clusters > 0
        ? `Pending requests do not count until approved (${plural(waiting.clusters, 'other')} waiting, ${waiting.nodes} nodes).`
        : 'Pending requests do not count until approved.';
  return `Team quota (${team.name}): ${parts.join(' · ')}. ${pending}`;
}

/** `/maas quota`: each limit with what the team uses of it. */
export function quotaLines(team: Pick<Team, 'name' | 'quota'>, usage: Usage): string[] {
  const { clusters, nodes, nodesPerPool } = team.quota;
  const of = (used: number, limit: number | undefined) =>
    limit === undefined ? `${used} (no limit)` : `${used} of ${limit}`;
  const detail = (dimension: keyof Tally) =>
    `${usage.approved[dimension]} approved, ${usage.pending[dimension]} pending`;
  return [
    `*Clusters*: ${of(usage.approved.clusters + usage.pending.clusters, clusters)} (${detail('clusters')})`,
    `*Nodes*: ${of(usage.approved.nodes + usage.pending.nodes, nodes)} (${detail('nodes')})`,
    `*Nodes per pool*: ${nodesPerPool === undefined ? 'no limit' : `at most ${nodesPerPool}`}`,
  ];
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
