/** The path prefixes Palette rate-limits and the simulator counts. */
export const PREFIXES = [
  '/v1/spectroclusters',
  '/v1/dashboard',
  '/v1/cloudaccounts',
  '/v1/cloudconfigs',
  '/v1/overlords',
  '/v1/events',
  '/v1/clusterprofiles',
  '/v1/notifications',
] as const;
export type SimPrefix = (typeof PREFIXES)[number];

/** The counted prefix a path falls under, if any. */
export function prefixOf(path: string): SimPrefix | undefined {
  return PREFIXES.find((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/** A request body the simulator refused, and why. */
export interface RejectedBody {
  method: string;
  path: string;
  /** The parsed JSON, or the raw text when it was not JSON. */
  body: unknown;
  problems: string[];
}

/** What the simulator saw, for tests and benchmarks to assert on. */
export interface SimCounters {
  /** Every request that arrived, whatever its answer. */
  total: number;
  /** Requests that arrived, per path prefix (including those answered 401, 429, 503). */
  byPrefix: Record<SimPrefix, number>;
  /** Requests a route handled (past auth, rate limits and faults): create, delete, forceDelete, validate, … */
  byOperation: Record<string, number>;
  /** Responses per HTTP status. */
  byStatus: Record<string, number>;
  /** 429 answers: injected as faults (random or injectOnce) or enforced by the rate limits. */
  tooManyRequests: { injected: number; enforced: number };
  /** 503 answers injected as faults (random or injectOnce). */
  serviceUnavailable: { injected: number };
  /** The most requests that arrived in one 1-second window, per prefix. */
  peakRps: Record<SimPrefix, number>;
  /** Every request body that failed validation. */
  rejectedBodies: RejectedBody[];
  /** Authenticated requests per `ProjectUid` header ('' = none: tenant scope). */
  byProject: Record<string, number>;
}

function perPrefix(): Record<SimPrefix, number> {
  return Object.fromEntries(PREFIXES.map((prefix) => [prefix, 0])) as Record<SimPrefix, number>;
}

function emptyCounters(): SimCounters {
  return {
    total: 0,
    byPrefix: perPrefix(),
    byOperation: {},
    byStatus: {},
    tooManyRequests: { injected: 0, enforced: 0 },
    serviceUnavailable: { injected: 0 },
    peakRps: perPrefix(),
    rejectedBodies: [],
    byProject: {},
  };
}

/** Arrivals per key in fixed one-second windows of a clock. */
export class SecondWindows {
  private readonly windows = new Map<string, { second: number; count: number }>();

  /** Counts one arrival for `key` at `nowMs`; returns the count in its window so far. */
  hit(key: string, nowMs: number): number {
    const second = Math.floor(nowMs / 1000);
    const window = this.windows.get(key);
    if (window && window.second === second) {
      window.count += 1;
      return window.count;
    }
    this.windows.set(key, { second, count: 1 });
    return 1;
  }

  /** Forgets every window. */
  clear(): void {
    this.windows.clear();
  }
}

/** The simulator's tallies, kept as requests flow through the middleware and routes. */
export class CounterBook {
  private counters = emptyCounters();
  private readonly windows = new SecondWindows();

  /** One request arrived at `nowMs` (wall clock). */
  arrival(prefix: SimPrefix | undefined, nowMs: number): void {
    this.counters.total += 1;
    if (!prefix) return;
    this.counters.byPrefix[prefix] += 1;
    const inWindow = this.windows.hit(prefix, nowMs);
    this.counters.peakRps[prefix] = Math.max(this.counters.peakRps[prefix], inWindow);
  }

  /** A route handled one request of this operation. */
  operation(name: string): void {
    this.counters.byOperation[name] = (this.counters.byOperation[name] ?? 0) + 1;
  }

  /** An authenticated request named this project ('' = none). */
  project(projectUid: string): void {
    this.counters.byProject[projectUid] = (this.counters.byProject[projectUid] ?? 0) + 1;
  }

  /** A response left with this status. */
  status(code: number): void {
    this.counters.byStatus[code] = (this.counters.byStatus[code] ?? 0) + 1;
  }

  /** A 429 or 503 was injected as a fault. */
  injected(status: number): void {
    if (status === 429) this.counters.tooManyRequests.injected += 1;
    if (status === 503) this.counters.serviceUnavailable.injected += 1;
  }

  /** A 429 was enforced by a rate limit. */
  enforced(): void {
    this.counters.tooManyRequests.enforced += 1;
  }

  /** A body failed validation. */
  rejected(entry: RejectedBody): void {
    this.counters.rejectedBodies.push(entry);
  }

  /** A copy of the tallies, safe to keep while requests go on. */
  snapshot(): SimCounters {
    return structuredClone(this.counters);
  }

  /** Starts every tally and window from zero. */
  reset(): void {
    this.counters = emptyCounters();
    this.windows.clear();
  }
}
