import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_RETRY, mayRetry, retryOptionsFor } from './retry';

const settings = { ...DEFAULT_RETRY, minDelayMs: 100, maxDelayMs: 1000 };

describe('retry policy', () => {
  const repeatable = retryOptionsFor('repeatable', 'GET');
  const create = retryOptionsFor('create', 'POST');

  it('retries a repeatable call on 429, 502, 503 and 504, never on a plain 500 or a 4xx', () => {
    for (const status of [429, 502, 503, 504])
      expect(mayRetry({ statusCode: status }, 'GET', 1, repeatable, 4)).toBe(true);
    for (const status of [500, 400, 401, 404, 409])
      expect(mayRetry({ statusCode: status }, 'GET', 1, repeatable, 4)).toBe(false);
  });

  it('retries a repeatable call after a reset or refused connection, not after a timeout', () => {
    expect(mayRetry({ code: 'ECONNRESET' }, 'GET', 1, repeatable, 4)).toBe(true);
    expect(mayRetry({ code: 'ECONNREFUSED' }, 'GET', 1, repeatable, 4)).toBe(true);
    expect(mayRetry({ code: 'UND_ERR_HEADERS_TIMEOUT' }, 'GET', 1, repeatable, 4)).toBe(false);
  });

  it('retries a create only where Palette surely did not act: 429, 503, a refused connection', () => {
    for (const status of [429, 503])
      expect(mayRetry({ statusCode: status }, 'POST', 1, create, 4)).toBe(true);
    for (const status of [500, 502, 504])
      expect(mayRetry({ statusCode: status }, 'POST', 1, create, 4)).toBe(false);
    expect(mayRetry({ code: 'ECONNREFUSED' }, 'POST', 1, create, 4)).toBe(true);
    expect(mayRetry({ code: 'ECONNRESET' }, 'POST', 1, create, 4)).toBe(false);
    expect(mayRetry({ code: 'UND_ERR_BODY_TIMEOUT' }, 'POST', 1, create, 4)).toBe(false);
  });

  it('stops after the last retry and only retries the method it was made for', () => {
    expect(mayRetry({ statusCode: 429 }, 'GET', 4, repeatable, 4)).toBe(true);
    expect(mayRetry({ statusCode: 429 }, 'GET', 5, repeatable, 4)).toBe(false);
    expect(mayRetry({ statusCode: 429 }, 'DELETE', 1, repeatable, 4)).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('doubles from the minimum up to the maximum, jittered within the upper half of each step', () => {
    const low = { ...settings, random: () => 0 };
    const high = { ...settings, random: () => 0.999999 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, low))).toEqual([50, 100, 200, 400, 500, 500]);
    expect(backoffDelay(1, high)).toBeCloseTo(100, 3);
    expect(backoffDelay(6, high)).toBeCloseTo(1000, 2);
  });

  it('spreads the delays of clients retrying together', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const delays = Array.from({ length: 20 }, () => backoffDelay(3, { ...settings, random }));
    expect(new Set(delays).size).toBe(20);
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(200);
    for (const delay of delays) expect(delay).toBeLessThan(400);
  });
});
