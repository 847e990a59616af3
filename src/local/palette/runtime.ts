import { type Pace, paceAt } from './clock';
import { ClusterStore } from './cluster-store';
import { CounterBook } from './counters';
import { FaultPlan, OneShots } from './faults';
import { loadSpecValidators, paletteSpecMissingReason, type SpecCheck } from './openapi';
import { DEFAULT_API_KEY, type SimulatorOptions } from './options';
import { loadClusters, saveClusters } from './persist';
import { RateLimiter, rateLimitsFor } from './rate-limit';
import { type Catalog, seedCatalog } from './seed';

/** Everything the middleware and routes share: settings, clock, data and tallies. */
export interface SimRuntime {
  readonly apiKey: string;
  readonly projectUid?: string;
  /** Every project served (`projectUid` and `projects`); empty = any. */
  readonly projects: ReadonlySet<string>;
  /** The lifecycle clock. */
  readonly now: () => number;
  readonly pace: Pace;
  readonly catalog: Catalog;
  readonly store: ClusterStore;
  readonly counters: CounterBook;
  readonly limiter: RateLimiter;
  readonly faults: FaultPlan;
  readonly oneShots: OneShots;
  /** The spec's check for a definition, when spec validation is on. */
  readonly specCheck?: (definition: string) => SpecCheck;
}

/** Builds a runtime from options; throws when spec validation is required and the spec is missing. */
export function createRuntime(options: SimulatorOptions = {}): SimRuntime {
  const speed = options.speed ?? 1;
  if (!(speed > 0)) throw new Error('speed must be a positive number');
  const specCheck = options.validateWithSpec === false ? undefined : loadSpecValidators();
  if (options.validateWithSpec === true && !specCheck) throw new Error(paletteSpecMissingReason());
  const now = options.now ?? Date.now;
  const pace = paceAt(speed);
  const catalog = seedCatalog();
  const { statePath } = options;
  const store: ClusterStore = new ClusterStore(
    catalog,
    pace,
    statePath ? () => saveClusters(statePath, store.all()) : undefined,
  );
  const kept = statePath ? loadClusters(statePath) : undefined;
  if (kept) store.restore(kept);
  else store.seedGatewayClusters(now());
  return {
    apiKey: options.apiKey ?? DEFAULT_API_KEY,
    ...(options.projectUid ? { projectUid: options.projectUid } : {}),
    projects: new Set([...(options.projectUid ? [options.projectUid] : []), ...(options.projects ?? [])]),
    now,
    pace,
    catalog,
    store,
    counters: new CounterBook(),
    limiter: new RateLimiter(rateLimitsFor(options.rateLimits)),
    faults: new FaultPlan(options.faults),
    oneShots: new OneShots(),
    ...(specCheck ? { specCheck } : {}),
  };
}
