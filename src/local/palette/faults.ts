/** Fault injection settings: fractions of requests answered 429 or 503, added latency, the PRNG seed. */
export interface FaultSettings {
  rate429?: number;
  rate503?: number;
  latencyMs?: number;
  seed?: number;
}

/** The seed used when none is given, so a run without one is still reproducible. */
const DEFAULT_SEED = 0x5eed;

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random faults: one draw per request decides 429, 503 or nothing, so a seed fixes the sequence. */
export class FaultPlan {
  private settings: FaultSettings = {};
  private random = mulberry32(DEFAULT_SEED);

  constructor(settings: FaultSettings = {}) {
    this.set(settings);
  }

  /** Replaces the settings and restarts the PRNG from their seed. */
  set(settings: FaultSettings): void {
    this.settings = { ...settings };
    this.random = mulberry32(settings.seed ?? DEFAULT_SEED);
  }

  /** The status this request is answered with instead of its real answer, if any. */
  draw(): 429 | 503 | undefined {
    const rate429 = this.settings.rate429 ?? 0;
    const rate503 = this.settings.rate503 ?? 0;
    if (rate429 <= 0 && rate503 <= 0) return undefined;
    const roll = this.random();
    if (roll < rate429) return 429;
    if (roll < rate429 + rate503) return 503;
    return undefined;
  }

  /** Milliseconds added before each request is handled. */
  get latencyMs(): number {
    return this.settings.latencyMs ?? 0;
  }
}

/** An answer to give once, instead of the real one. */
export interface InjectedAnswer {
  status: number;
  body?: unknown;
}

/** A path pattern: a RegExp, or a path where `:name` matches one segment and `*` anything. */
export type PathPattern = string | RegExp;

function toRegExp(pattern: PathPattern): RegExp {
  if (pattern instanceof RegExp) return pattern;
  const source = pattern
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) return '[^/]+';
      return segment
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*');
    })
    .join('/');
  return new RegExp(`^${source}$`);
}

/** Answers queued by `injectOnce`: the next request matching method and path takes the first that fits. */
export class OneShots {
  private readonly queue: { method: string; pattern: RegExp; answer: InjectedAnswer }[] = [];

  /** Queues an answer; method `*` matches any method. */
  add(method: string, pattern: PathPattern, answer: InjectedAnswer): void {
    this.queue.push({ method: method.toUpperCase(), pattern: toRegExp(pattern), answer });
  }

  /** Takes the queued answer for this request, if one matches. */
  take(method: string, path: string): InjectedAnswer | undefined {
    const index = this.queue.findIndex(
      (entry) => (entry.method === '*' || entry.method === method.toUpperCase()) && entry.pattern.test(path),
    );
    if (index < 0) return undefined;
    return this.queue.splice(index, 1)[0]?.answer;
  }
}
