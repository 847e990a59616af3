import type { Dispatcher } from 'undici';
import { limitPrefixOf, PALETTE_RATE_LIMITS } from './limits';

/** The rates the client keeps under: Palette's documented limits, and a cautious default for other prefixes. */
export const PACED_LIMITS: Readonly<Record<string, number>> = { ...PALETTE_RATE_LIMITS, '*': 10 };

/** The key in a limits table that applies to prefixes it does not list. */
export const DEFAULT_PREFIX = '*';

/** Pacing runs this far under each limit: requests sent evenly still reach the server bunched by network jitter. */
export const PACING_HEADROOM = 0.9;

/** The rates to pace at: Palette's limits, overridden per prefix by `limits`, less the headroom. */
export function pacingRates(limits: Readonly<Record<string, number>> = {}): Record<string, number> {
  const merged = { ...PACED_LIMITS, ...limits };
  return Object.fromEntries(Object.entries(merged).map(([prefix, rate]) => [prefix, rate * PACING_HEADROOM]));
}

/** The pacer's sense of time: a clock and a one-shot timer (tests inject a manual pair). */
export interface PacerClock {
  now(): number;
  setTimer(callback: () => void, ms: number): void;
}

const realClock: PacerClock = { now: Date.now, setTimer: (callback, ms) => setTimeout(callback, ms) };

/** One prefix's queue: who waits, when the last request left, whether a timer will drain it. */
interface Bucket {
  interval: number;
  lastSend: number;
  waiting: (() => void)[];
  timerSet: boolean;
}

/**
 * Spaces requests per path prefix so no prefix goes over its rate: requests of a prefix leave first come, first
 * served, each at least 1/rate seconds after the previous one actually left (measured when it leaves, so a
 * stalled event loop cannot release a bunch at once). Any one-second window then holds at most `rate` requests.
 */
export class Pacer {
  private readonly intervals = new Map<string, number>();
  private readonly buckets = new Map<string, Bucket>();
  private readonly defaultInterval: number;

  /** `rates` maps path prefixes (and `*` for the rest) to requests per second. */
  constructor(
    rates: Readonly<Record<string, number>>,
    private readonly clock: PacerClock = realClock,
  ) {
    for (const [prefix, rate] of Object.entries(rates)) {
      if (!(rate > 0)) throw new RangeError(`Rate for ${prefix} must be positive, got ${rate}.`);
      if (prefix !== DEFAULT_PREFIX) this.intervals.set(prefix, 1000 / rate);
    }
    this.defaultInterval = 1000 / (rates[DEFAULT_PREFIX] ?? PACED_LIMITS[DEFAULT_PREFIX]!);
  }

  /** The bucket a path is paced in: the longest listed prefix, else its own `/v1/<resource>` prefix. */
  bucketOf(path: string): string {
    // Only the part from `/v1/` on counts, so an API URL with a base path paces the same.
    const query = path.indexOf('?');
    const bare = (query < 0 ? path : path.slice(0, query)).replace(/^.*?(?=\/v1\/)/, '');
    const best = limitPrefixOf(bare, this.intervals.keys());
    return best ?? bare.split('/').slice(0, 3).join('/');
  }

  /** Runs `send` as soon as the path's prefix has a free slot: now, or later in arrival order. */
  schedule(path: string, send: () => void): void {
    const name = this.bucketOf(path);
    let bucket = this.buckets.get(name);
    if (!bucket) {
      bucket = {
        interval: this.intervals.get(name) ?? this.defaultInterval,
        lastSend: Number.NEGATIVE_INFINITY,
        waiting: [],
        timerSet: false,
      };
      this.buckets.set(name, bucket);
    }
    bucket.waiting.push(send);
    this.drain(bucket);
  }

  /** Sends what may leave now, and sets one timer for the next slot while others wait. */
  private drain(bucket: Bucket): void {
    if (bucket.timerSet) return;
    while (bucket.waiting.length > 0) {
      const now = this.clock.now();
      const wait = bucket.lastSend + bucket.interval - now;
      if (wait > 0) {
        bucket.timerSet = true;
        this.clock.setTimer(() => {
          bucket.timerSet = false;
          this.drain(bucket);
        }, wait);
        return;
      }
      bucket.lastSend = now;
      bucket.waiting.shift()!();
    }
  }
}

/** An undici interceptor that holds each dispatch (every retry too) until its pacer slot. */
export function pacingInterceptor(pacer: Pacer): Dispatcher.DispatcherComposeInterceptor {
  // The agent reports its own dispatch failures to the handler, so a delayed dispatch cannot throw here.
  return (dispatch) => (options, handler) => {
    pacer.schedule(options.path, () => dispatch(options, handler));
    return true;
  };
}
