import type { Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import {
  PACED_LIMITS,
  PACING_HEADROOM,
  Pacer,
  type PacerClock,
  pacingInterceptor,
  pacingRates,
} from './pacer';

/** A clock and timers the test moves by hand: `advance` runs due timers in time order. */
function manualClock(
  start = 1_700_000_000_000,
): PacerClock & { advance(ms: number): void; stall(ms: number): void } {
  let now = start;
  let timers: { at: number; callback: () => void }[] = [];
  return {
    now: () => now,
    setTimer: (callback, ms) => {
      timers.push({ at: now + ms, callback });
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((timer) => timer !== due);
        now = Math.max(now, due.at);
        due.callback();
      }
      now = end;
    },
    /** Time passes with the event loop blocked: no timer runs until the next `advance`. */
    stall(ms) {
      now += ms;
    },
  };
}

/** How many of the send times fall into each one-second window, as the simulator counts them. */
function perSecond(times: number[]): number[] {
  const windows = new Map<number, number>();
  for (const time of times)
    windows.set(Math.floor(time / 1000), (windows.get(Math.floor(time / 1000)) ?? 0) + 1);
  return [...windows.values()];
}

describe('Pacer', () => {
  it('puts a path in the bucket of its longest listed prefix, else its own /v1/<resource>', () => {
    const pacer = new Pacer({
      '/v1/spectroclusters': 50,
      '/v1/spectroclusters/maas': 5,
      '/v1/dashboard': 10,
      '/v1/spectroclusters/{uid}/assets': 10,
    });
    expect(pacer.bucketOf('/v1/spectroclusters/abc')).toBe('/v1/spectroclusters');
    expect(pacer.bucketOf('/v1/spectroclusters/abc/assets/kubeconfig?frp=true')).toBe(
      '/v1/spectroclusters/{uid}/assets',
    );
    expect(pacer.bucketOf('/v1/spectroclusters/def/assets')).toBe('/v1/spectroclusters/{uid}/assets');
    expect(pacer.bucketOf('/v1/spectroclusters/maas/validate')).toBe('/v1/spectroclusters/maas');
    expect(pacer.bucketOf('/v1/dashboard/spectroclusters/search?limit=50')).toBe('/v1/dashboard');
    expect(pacer.bucketOf('/v1/spectroclustersX')).toBe('/v1/spectroclustersX');
    expect(pacer.bucketOf('/v1/events/components/spectrocluster/abc')).toBe('/v1/events');
    expect(pacer.bucketOf('/palette/api/v1/dashboard/x')).toBe('/v1/dashboard');
  });

  it('sends the first request at once and the next ones 1/rate apart, in arrival order', () => {
    const clock = manualClock(0);
    const pacer = new Pacer({ '/v1/dashboard': 10 }, clock);
    const sent: [string, number][] = [];
    for (const name of ['a', 'b', 'c', 'd'])
      pacer.schedule('/v1/dashboard/x', () => sent.push([name, clock.now()]));
    expect(sent).toEqual([['a', 0]]);
    clock.advance(1000);
    expect(sent).toEqual([
      ['a', 0],
      ['b', 100],
      ['c', 200],
      ['d', 300],
    ]);
    // The bucket has been idle: the next request goes at once.
    pacer.schedule('/v1/dashboard/x', () => sent.push(['e', clock.now()]));
    expect(sent.at(-1)).toEqual(['e', 1000]);
  });

  it('keeps every one-second window of a burst at or under the rate, per prefix', () => {
    const clock = manualClock(1_700_000_000_300);
    const pacer = new Pacer({ '/v1/dashboard': 10, '/v1/spectroclusters': 50 }, clock);
    const sent = { dashboard: [] as number[], clusters: [] as number[] };
    for (let i = 0; i < 95; i += 1) {
      pacer.schedule('/v1/dashboard/spectroclusters/search', () => sent.dashboard.push(clock.now()));
      pacer.schedule('/v1/spectroclusters/abc', () => sent.clusters.push(clock.now()));
      clock.advance(3);
    }
    clock.advance(20_000);
    expect(sent.dashboard).toHaveLength(95);
    expect(sent.clusters).toHaveLength(95);
    expect(Math.max(...perSecond(sent.dashboard))).toBeLessThanOrEqual(10);
    expect(Math.max(...perSecond(sent.clusters))).toBeLessThanOrEqual(50);
    // The prefixes do not slow each other: the 50 rps bucket is done long before the 10 rps one.
    expect(Math.max(...sent.clusters)).toBeLessThan(Math.max(...sent.dashboard));
  });

  it('measures the spacing when a request leaves, so a blocked event loop does not release a bunch', () => {
    const clock = manualClock(0);
    const pacer = new Pacer({ '/v1/overlords': 10 }, clock);
    const sent: number[] = [];
    for (let i = 0; i < 5; i += 1) pacer.schedule('/v1/overlords', () => sent.push(clock.now()));
    clock.stall(450);
    clock.advance(5000);
    expect(sent).toEqual([0, 450, 550, 650, 750]);
  });

  it('paces unlisted prefixes each at the default rate', () => {
    const clock = manualClock(0);
    const pacer = new Pacer({ '*': 4 }, clock);
    const sent: [string, number][] = [];
    pacer.schedule('/v1/events/a', () => sent.push(['e1', clock.now()]));
    pacer.schedule('/v1/events/b', () => sent.push(['e2', clock.now()]));
    pacer.schedule('/v1/clusterprofiles/p', () => sent.push(['p1', clock.now()]));
    clock.advance(1000);
    expect(sent).toEqual([
      ['e1', 0],
      ['p1', 0],
      ['e2', 250],
    ]);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new Pacer({ '/v1/dashboard': 0 })).toThrow(RangeError);
  });
});

describe('pacingRates', () => {
  it("runs under Palette's documented limits, with overrides per prefix", () => {
    const rates = pacingRates({ '/v1/dashboard': 20, '/v1/events': 5 });
    expect(rates['/v1/spectroclusters']).toBeCloseTo(PACED_LIMITS['/v1/spectroclusters']! * PACING_HEADROOM);
    expect(rates['/v1/dashboard']).toBeCloseTo(20 * PACING_HEADROOM);
    expect(rates['/v1/events']).toBeCloseTo(5 * PACING_HEADROOM);
    expect(rates['*']).toBeLessThan(PACED_LIMITS['*']!);
  });
});

describe('pacingInterceptor', () => {
  it('holds each dispatch until its slot', () => {
    const clock = manualClock(0);
    const sent: string[] = [];
    const dispatch: Dispatcher.Dispatch = (options) => {
      sent.push(options.path);
      return true;
    };
    const paced = pacingInterceptor(new Pacer({ '/v1/overlords': 2 }, clock))(dispatch);
    const handler: Dispatcher.DispatchHandler = {};
    for (const path of ['/v1/overlords/a', '/v1/overlords/b', '/v1/overlords/c'])
      expect(paced({ path, method: 'GET' }, handler)).toBe(true);
    expect(sent).toEqual(['/v1/overlords/a']);
    clock.advance(500);
    expect(sent).toEqual(['/v1/overlords/a', '/v1/overlords/b']);
    clock.advance(500);
    expect(sent).toEqual(['/v1/overlords/a', '/v1/overlords/b', '/v1/overlords/c']);
  });
});
