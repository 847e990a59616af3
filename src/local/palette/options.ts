import type { FaultSettings } from './faults';

/** How a simulator starts. Every field is optional. */
export interface SimulatorOptions {
  /** The key requests must send in the `ApiKey` header (default `sim-palette-api-key`). */
  apiKey?: string;
  /** When set, a request with a different `ProjectUid` header is refused (403); none means tenant scope. */
  projectUid?: string;
  /**
   * The projects served (with `projectUid`): a request naming another in `ProjectUid` is refused (403). Clusters
   * belong to the project they were created in and are seen only from it (tenant scope: those made without one).
   * None at all: any `ProjectUid` is served.
   */
  projects?: readonly string[];
  /** Port to listen on (default 0: any free port). */
  port?: number;
  /**
   * A file the simulator keeps its clusters in: read at start (when it exists), written after every change — so
   * a restarted playground finds its clusters where it left them. Default: clusters live in memory only.
   */
  statePath?: string;
  /** Host to listen on (default 127.0.0.1). */
  host?: string;
  /** Random 429s and 503s, added latency, the PRNG seed. */
  faults?: FaultSettings;
  /**
   * Rate limits per source IP and path prefix, in requests per 1-second window of the wall clock.
   * true (default) = Palette's documented limits; false = none; a record = exactly those prefixes and limits.
   */
  rateLimits?: boolean | Record<string, number>;
  /** Time scale of the lifecycle: 1 = the playground's pace (a cluster runs in about a minute); larger = faster. */
  speed?: number;
  /** The lifecycle clock in epoch milliseconds (default Date.now); tests pass a manual one. */
  now?: () => number;
  /**
   * Validate request bodies against Palette's spec subset too. Default: when the file is there. true: required
   * (start fails without it). false: only the simulator's zod schemas.
   */
  validateWithSpec?: boolean;
}

/** The default API key of a simulator. */
export const DEFAULT_API_KEY = 'sim-palette-api-key';
