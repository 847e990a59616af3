import type { Hono } from 'hono';
import { serveHttp } from '../../http/serve';
import { createSimulatorApp } from './app';
import type { SeedClustersOptions } from './cluster-store';
import type { SimCounters } from './counters';
import type { FaultSettings, InjectedAnswer, PathPattern } from './faults';
import type { SimCluster } from './model';
import type { SimulatorOptions } from './options';
import { createRuntime } from './runtime';
import { inProject } from './scope';

export { PALETTE_RATE_LIMITS } from '../../palette/limits';
export type { SeedClustersOptions } from './cluster-store';
export type { RejectedBody, SimCounters, SimPrefix } from './counters';
export type { FaultSettings, InjectedAnswer, PathPattern } from './faults';
export type { SimCluster, SimState } from './model';
export { DEFAULT_API_KEY, type SimulatorOptions } from './options';
export { STALL_LABEL, STICKY_DELETE_LABEL } from './seed';

/** A running Palette simulator and the handles tests and benchmarks use on it. */
export interface PaletteSimulator {
  /** Base URL, e.g. http://127.0.0.1:4010 (no trailing slash). */
  url: string;
  apiKey: string;
  projectUid?: string;
  /** The Hono app (also usable without the socket through `app.request`). */
  app: Hono;
  /** A copy of the tallies so far. */
  counters(): SimCounters;
  resetCounters(): void;
  /** Replaces the fault settings (and restarts the PRNG from their seed). */
  setFaults(faults: FaultSettings): void;
  /** The next request matching method (`*` = any) and path pattern is answered with this instead. */
  injectOnce(method: string, pathPattern: PathPattern, answer: InjectedAnswer): void;
  /** Every workload cluster ever created, as it is now (gone ones included, with `gone: true`). */
  clusters(): SimCluster[];
  /** Adds `count` clusters already Running (or Provisioning), without HTTP; for benchmarks. */
  seedClusters(count: number, options?: SeedClustersOptions): SimCluster[];
  close(): Promise<void>;
}

/** Starts a Palette simulator listening on loopback (port 0 = any free port). */
export async function startPaletteSimulator(options: SimulatorOptions = {}): Promise<PaletteSimulator> {
  const sim = createRuntime(options);
  const app = createSimulatorApp(sim);
  const server = await serveHttp(app.fetch, { port: options.port, host: options.host });
  const describeAll = () => {
    const t = sim.now();
    return sim.store
      .all()
      .filter((cluster) => !cluster.system)
      .map((cluster) => sim.store.describe(cluster, t));
  };
  return {
    url: server.url,
    apiKey: sim.apiKey,
    ...(sim.projectUid ? { projectUid: sim.projectUid } : {}),
    app,
    counters: () => sim.counters.snapshot(),
    resetCounters: () => sim.counters.reset(),
    setFaults: (faults) => sim.faults.set(faults),
    injectOnce: (method, pathPattern, answer) => sim.oneShots.add(method, pathPattern, answer),
    clusters: describeAll,
    seedClusters: (count, seedOptions = {}) => {
      const t = sim.now();
      const project = seedOptions.projectUid ?? sim.projectUid ?? '';
      return inProject(project, () => sim.store.seedClusters(count, seedOptions, t)).map((cluster) =>
        sim.store.describe(cluster, t),
      );
    },
    close: server.close,
  };
}
