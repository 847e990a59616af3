import { limitPrefixOf, PALETTE_RATE_LIMITS } from '../../palette/limits';
import { SecondWindows } from './counters';

/** The limits for the `rateLimits` option: true = Palette's, false = none, a record = exactly those. */
export function rateLimitsFor(option: boolean | Record<string, number> | undefined): Record<string, number> {
  if (option === false) return {};
  if (option === true || option === undefined) return { ...PALETTE_RATE_LIMITS };
  return { ...option };
}

/** Fixed one-second windows per source and prefix; a request beyond the limit is refused. */
export class RateLimiter {
  private readonly windows = new SecondWindows();

  constructor(private readonly limits: Record<string, number>) {}

  /** The limit a request from `source` to `path` at `nowMs` (wall clock) exceeds, or undefined when within. */
  exceeded(source: string, path: string, nowMs: number): { prefix: string; limit: number } | undefined {
    const prefix = limitPrefixOf(path, Object.keys(this.limits));
    if (prefix === undefined) return undefined;
    const limit = this.limits[prefix] ?? Number.POSITIVE_INFINITY;
    return this.windows.hit(`${source} ${prefix}`, nowMs) > limit ? { prefix, limit } : undefined;
  }
}
