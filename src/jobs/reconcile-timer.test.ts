import { afterEach, describe, expect, it, vi } from 'vitest';
import { TEST_ENV } from '../../test/support/dynalite';
import { recordedMetrics } from '../../test/support/metrics';
import { loadConfig } from '../config';
import type { Deps } from '../deps';
import { createLogger } from '../log';
import type { ClusterStore } from '../store/port';
import { startReconcileTimer } from './reconcile-timer';

afterEach(() => vi.useRealTimers());

/** Deps whose store counts the sweeps (each sweep starts with one listActive) and holds them until released. */
function countingDeps() {
  let sweeps = 0;
  let release: () => void = () => undefined;
  const store = {
    listActive: async () => {
      sweeps++;
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return { items: [] };
    },
    // A complete sweep audits the quota ledgers: the one team's is empty.
    teamLedger: async (team: string) => ({ team, entries: [], approvedClusters: 0, approvedNodes: 0 }),
  } as Partial<ClusterStore> as ClusterStore;
  const parts: Pick<Deps, 'config' | 'store' | 'logger' | 'metrics' | 'now'> = {
    config: loadConfig(TEST_ENV),
    store,
    logger: createLogger('timer-test', []),
    metrics: recordedMetrics().metrics,
    now: () => new Date(),
  };
  const deps = parts as Deps;
  return { deps, sweeps: () => sweeps, release: () => release() };
}

describe('startReconcileTimer', () => {
  it('sweeps at once, then every interval, never two sweeps at a time', async () => {
    vi.useFakeTimers();
    const { deps, sweeps, release } = countingDeps();
    const timer = startReconcileTimer(deps, 60_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(sweeps()).toBe(1);
    await vi.advanceTimersByTimeAsync(120_000); // the first sweep is still running: not doubled
    expect(sweeps()).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sweeps()).toBe(2);
    release();
    await timer.stop();
    await vi.advanceTimersByTimeAsync(300_000);
    expect(sweeps()).toBe(2);
  });
});
