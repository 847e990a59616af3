import { describe, expect, it } from 'vitest';
import { PALETTE_RATE_LIMITS } from '../../palette/limits';
import { CounterBook } from './counters';
import { RateLimiter, rateLimitsFor } from './rate-limit';

describe('RateLimiter', () => {
  it('refuses the request beyond the limit in a second, per source and prefix', () => {
    const limiter = new RateLimiter({ '/v1/dashboard': 2 });
    const t = 5_000;
    expect(limiter.exceeded('a', '/v1/dashboard/clusterprofiles', t)).toBeUndefined();
    expect(limiter.exceeded('a', '/v1/dashboard/spectroclusters/search', t + 10)).toBeUndefined();
    expect(limiter.exceeded('a', '/v1/dashboard', t + 20)).toEqual({ prefix: '/v1/dashboard', limit: 2 });
    expect(limiter.exceeded('b', '/v1/dashboard', t + 30)).toBeUndefined();
    expect(limiter.exceeded('a', '/v1/dashboardx', t + 40)).toBeUndefined();
    expect(limiter.exceeded('a', '/v1/dashboard', t + 1000)).toBeUndefined();
  });

  it("counts every cluster's assets against one sub-prefix limit, apart from their parent", () => {
    const limiter = new RateLimiter(PALETTE_RATE_LIMITS);
    const t = 9_000;
    for (let n = 0; n < 10; n++)
      expect(limiter.exceeded('a', `/v1/spectroclusters/c${n}/assets/kubeconfig`, t)).toBeUndefined();
    expect(limiter.exceeded('a', '/v1/spectroclusters/c99/assets/adminKubeconfig', t)).toEqual({
      prefix: '/v1/spectroclusters/{uid}/assets',
      limit: 10,
    });
    expect(limiter.exceeded('a', '/v1/spectroclusters/c1', t)).toBeUndefined();
    for (let n = 0; n < 10; n++)
      expect(limiter.exceeded('a', '/v1/notifications/spectrocluster/x', t)).toBeUndefined();
    expect(limiter.exceeded('a', '/v1/notifications/spectrocluster/y', t)?.prefix).toBe('/v1/notifications');
  });

  it('uses Palette limits by default, none when off, exactly the given ones otherwise', () => {
    expect(rateLimitsFor(undefined)).toEqual(PALETTE_RATE_LIMITS);
    expect(rateLimitsFor(true)['/v1/spectroclusters']).toBe(50);
    expect(rateLimitsFor(true)['/v1/overlords']).toBe(10);
    expect(rateLimitsFor(false)).toEqual({});
    expect(rateLimitsFor({ '/v1/events': 3 })).toEqual({ '/v1/events': 3 });
  });
});

describe('CounterBook', () => {
  it('keeps the peak per 1-second window per prefix', () => {
    const book = new CounterBook();
    for (const t of [0, 100, 900, 1_000, 1_500, 2_100]) book.arrival('/v1/events', t);
    book.arrival(undefined, 0);
    const counters = book.snapshot();
    expect(counters.peakRps['/v1/events']).toBe(3);
    expect(counters.byPrefix['/v1/events']).toBe(6);
    expect(counters.total).toBe(7);
    book.reset();
    expect(book.snapshot().peakRps['/v1/events']).toBe(0);
  });
});
