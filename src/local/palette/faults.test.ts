import { describe, expect, it } from 'vitest';
import { FaultPlan, mulberry32, OneShots } from './faults';

describe('mulberry32', () => {
  it('repeats a sequence for a seed and differs across seeds', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const draws = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(draws);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(draws);
    expect(draws.every((value) => value >= 0 && value < 1)).toBe(true);
  });
});

describe('FaultPlan', () => {
  it('answers roughly the asked fractions and nothing without rates', () => {
    const plan = new FaultPlan({ rate429: 0.3, rate503: 0.1, seed: 1 });
    const draws = Array.from({ length: 10_000 }, () => plan.draw());
    expect(draws.filter((status) => status === 429).length / 10_000).toBeCloseTo(0.3, 1);
    expect(draws.filter((status) => status === 503).length / 10_000).toBeCloseTo(0.1, 1);
    plan.set({});
    expect(Array.from({ length: 100 }, () => plan.draw()).every((status) => status === undefined)).toBe(true);
    expect(new FaultPlan({ latencyMs: 25 }).latencyMs).toBe(25);
  });
});

describe('OneShots', () => {
  it('matches method and path pattern once, first queued first', () => {
    const shots = new OneShots();
    shots.add('get', '/v1/spectroclusters/:uid', { status: 503 });
    shots.add('*', '/v1/dashboard/*', { status: 429 });
    shots.add('GET', /^\/v1\/overlords$/, { status: 500 });
    expect(shots.take('POST', '/v1/spectroclusters/abc')).toBeUndefined();
    expect(shots.take('GET', '/v1/spectroclusters/abc/status')).toBeUndefined();
    expect(shots.take('GET', '/v1/spectroclusters/abc')).toEqual({ status: 503 });
    expect(shots.take('GET', '/v1/spectroclusters/abc')).toBeUndefined();
    expect(shots.take('POST', '/v1/dashboard/spectroclusters/search')).toEqual({ status: 429 });
    expect(shots.take('GET', '/v1/overlords')).toEqual({ status: 500 });
  });
});
