import type { Deps } from '../deps';
import type { ClusterRecord } from '../domain/cluster';
import { isTerminal } from '../domain/lifecycle';
import type { LedgerEntry } from '../domain/quota';
import { totalNodes } from '../domain/spec';
import type { EntryShape } from '../store/port';

/** What an audit changed, for the sweep's log line. */
export interface AuditTally {
  teams: number;
  corrected: number;
}

/** The entry a record should have in its team's ledger: its nodes, approved once it is past the approval. */
function entryFor(record: ClusterRecord): EntryShape | undefined {
  if (isTerminal(record.state)) return undefined;
  return { nodes: totalNodes(record.spec), approved: record.state !== 'PENDING_APPROVAL' };
}

const same = (entry: LedgerEntry | undefined, shape: EntryShape | undefined) =>
  entry?.nodes === shape?.nodes && entry?.approved === shape?.approved;

/**
 * Puts the teams' quota ledgers in line with the records, after a sweep that walked every active record: an
 * entry of a cluster that ended (or never got its record) goes, a live record without an entry gets one (records
 * made before the ledgers existed, or a crash between a write and its ledger write), an entry that says the
 * wrong nodes or standing is corrected (a crash between an admission and its transition). Only what has been
 * still for `graceMs` is touched — an approval or a resize in flight is left to finish — and every correction is
 * conditioned on the entry as read, so the audit never undoes what happened meanwhile.
 */
export async function auditQuotaLedgers(
  deps: Pick<Deps, 'store' | 'now' | 'config'>,
  active: readonly ClusterRecord[],
  graceMs: number,
): Promise<AuditTally> {
  const settledBefore = deps.now().getTime() - graceMs;
  const settled = (iso: string | undefined) => iso === undefined || Date.parse(iso) < settledBefore;
  const byTeam = new Map<string, ClusterRecord[]>(deps.config.teams.list.map((team) => [team.name, []]));
  for (const record of active) byTeam.set(record.team, [...(byTeam.get(record.team) ?? []), record]);
  const tally: AuditTally = { teams: byTeam.size, corrected: 0 };

  /** Corrects the entry if it still needs it, judged on the freshest record. */
  const correct = async (team: string, clusterId: string, entry: LedgerEntry | undefined) => {
    const record = await deps.store.get(clusterId);
    if (record && !settled(record.updatedAt)) return;
    const expected = record && entryFor(record);
    if (same(entry, expected)) return;
    if (await deps.store.correctQuota(team, clusterId, entry, expected)) tally.corrected++;
  };

  for (const [team, records] of byTeam) {
    const ledger = await deps.store.teamLedger(team);
    const entries = new Map(ledger.entries.map((entry) => [entry.clusterId, entry]));
    for (const entry of ledger.entries) {
      const walked = records.find((record) => record.id === entry.clusterId);
      if (settled(entry.since) && !(walked && same(entry, entryFor(walked))))
        await correct(team, entry.clusterId, entry);
    }
    for (const record of records)
      if (!entries.has(record.id) && settled(record.updatedAt)) await correct(team, record.id, undefined);
  }
  return tally;
}
