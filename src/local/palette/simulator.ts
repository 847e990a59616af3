import type { Hono } from 'hono';
import { serveHttp } from '../../http/serve';
import { createSimulatorApp } from './app';
import {
  DEFAULT_HEALTH_PROBLEMS,
  defaultRepaveReasons,
  holdRepave,
  offerUpdate,
  setHealth,
  settleRepave,
} from './care';
import type { SeedClustersOptions } from './cluster-store';
import type { SimCounters } from './counters';
import type { FaultSettings, InjectedAnswer, PathPattern } from './faults';
import type { ClusterRecord, HealthProblem, SimCluster } from './model';
import type { SimulatorOptions } from './options';
import { createRuntime } from './runtime';
import { inProject } from './scope';

export { PALETTE_RATE_LIMITS } from '../../palette/limits';
export { BASE64_KUBECONFIG_LABEL, REPAVE_LABEL } from './care';
export type { SeedClustersOptions } from './cluster-store';
export type { RejectedBody, SimCounters, SimPrefix } from './counters';
export type { FaultSettings, InjectedAnswer, PathPattern } from './faults';
export type { HealthProblem, SimCluster, SimState } from './model';
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
  /** Makes a cluster unhealthy with these problems (Palette's health conditions), or healthy again with none. */
  setHealth(uid: string, problems?: readonly HealthProblem[] | 'unhealthy'): void;
  /** Palette holds a repave of the cluster for approval (reasons: its Kubernetes pack's values changed). */
  holdRepave(uid: string): void;
  /** The change that needed the held repave is undone: Palette reverts it. */
  revertRepave(uid: string): void;
  /** Palette offers an update of the cluster's profile (`status.notifications.isAvailable`). */
  offerUpdate(uid: string, message?: string): void;
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
  const change = (uid: string, apply: (cluster: ClusterRecord, t: number) => void) => {
    const cluster = sim.store.ever(uid);
    if (!cluster) throw new Error(`The simulator has no cluster ${uid}.`);
    apply(cluster, sim.now());
    sim.store.keepChanges();
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
    setHealth: (uid, problems) =>
      change(uid, (cluster, t) =>
        setHealth(cluster, problems === 'unhealthy' ? DEFAULT_HEALTH_PROBLEMS : problems, t),
      ),
    holdRepave: (uid) =>
      change(uid, (cluster, t) => holdRepave(cluster, defaultRepaveReasons(sim.catalog, cluster), t)),
    revertRepave: (uid) => change(uid, (cluster, t) => settleRepave(cluster, 'Reverted', t)),
    offerUpdate: (uid, message = 'Kubernetes pack 1.30.6 → 1.31.2 is available in the cluster profile') =>
      change(uid, (cluster, t) => offerUpdate(cluster, message, t)),
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
