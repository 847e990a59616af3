import type { Deps } from '../../src/deps';
import type { ClusterRecord } from '../../src/domain/cluster';
import type { Palette } from '../../src/palette/port';
import { LocalScheduler } from '../../src/scheduler/local';
import { newCluster, oneProject, recordingJobs, type TestTable, testDeps } from '../support/dynalite';

/** Helpers shared by the reconciler's integration tests (dynalite + the Palette simulator, one clock by hand). */

/** `n` minutes in milliseconds. */
export const minutes = (n: number) => n * 60_000;
/** An epoch-milliseconds time as ISO. */
export const iso = (ms: number) => new Date(ms).toISOString();

/** Deps over a fresh table, the simulator through the real Palette client, and a durable local scheduler. */
export function worldOver(table: TestTable, palette: Palette, now: () => Date) {
  const jobs = recordingJobs();
  const base = testDeps(table, { now, palettes: oneProject(palette), jobs });
  const scheduler = new LocalScheduler({
    client: table.client,
    tableName: table.tableName,
    jobs,
    logger: base.logger,
    now,
  });
  const deps: Deps = { ...base, scheduler };
  return { deps, jobs, scheduler, table };
}

/** A record brought to `state` through the lifecycle, its last transition at `at`. */
export async function recordIn(
  deps: Deps,
  state: 'PENDING_APPROVAL' | 'APPROVED' | 'PROVISIONING' | 'RUNNING',
  options: { name: string; at: number; paletteUid?: string; expiresAt?: number; cardPosted?: boolean },
): Promise<ClusterRecord> {
  const posted = options.cardPosted ?? true;
  const request = newCluster({ name: options.name, requestedAt: iso(options.at) });
  if (posted)
    request.slack = { ...request.slack, approvalChannel: 'C0APPROVALS', approvalTs: '1700000000.000200' };
  let record = await deps.store.create({
    ...request,
    expiresAt: iso(options.expiresAt ?? options.at + minutes(24 * 60)),
  });
  const step = async (event: 'approved' | 'created' | 'running', set = {}) => {
    record = await deps.store.apply(record, { event, by: 'U0APPROVER', at: iso(options.at), set });
  };
  if (state === 'PENDING_APPROVAL') return record;
  await step('approved');
  if (state === 'APPROVED') return record;
  await step('created', { paletteUid: options.paletteUid, provisioningSince: iso(options.at) });
  if (state === 'PROVISIONING') return record;
  await step('running', { runningSince: iso(options.at) });
  return record;
}
