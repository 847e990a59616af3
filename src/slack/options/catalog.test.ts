import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it, vi } from 'vitest';
import type { Palette } from '../../palette/port';
import { withinBudget } from '../budget';
import { createCatalog, withDeadline } from './catalog';
import { MAX_OPTIONS, matchingChoices } from './wizard';

const logger = new Logger({ logLevel: 'SILENT' });

/** A Palette whose zone lookups are counted and answered as told. */
function countingPalette(answer: (account: string) => Promise<string[]>) {
  const calls: string[] = [];
  const palette = {
    accountZones: (account: string) => {
      calls.push(account);
      return answer(account);
    },
    listMaasProfiles: async () => [
      { uid: 'p1', name: 'k8s', version: '1.2' },
      { uid: 'x'.repeat(151), name: 'too long' },
    ],
  } as unknown as Palette;
  return { palette, calls };
}

describe('createCatalog', () => {
  it('asks Palette once per key within the TTL, and again after it', async () => {
    let now = 0;
    const { palette, calls } = countingPalette(async (account) => [`${account}-az1`]);
    const catalog = createCatalog({ palette, logger, now: () => new Date(now) }, { ttlMs: 60_000 });
    expect(await catalog.choices('zones', 'a')).toEqual([{ value: 'a-az1', text: 'a-az1' }]);
    await catalog.choices('zones', 'a');
    await catalog.choices('zones', 'b');
    expect(calls).toEqual(['a', 'b']);
    now = 60_000;
    await catalog.choices('zones', 'a');
    expect(calls).toEqual(['a', 'b', 'a']);
  });

  it('forgets a failure, so the next lookup asks again', async () => {
    let fail = true;
    const { palette, calls } = countingPalette(async () => {
      if (fail) throw new Error('Palette is down');
      return ['az1'];
    });
    const catalog = createCatalog({ palette, logger, now: () => new Date(0) });
    expect(await catalog.choices('zones', 'a')).toBeUndefined();
    fail = false;
    expect(await catalog.choices('zones', 'a')).toEqual([{ value: 'az1', text: 'az1' }]);
    expect(calls).toHaveLength(2);
  });

  it('stops waiting at the budget, and keeps the late answer for the next lookup', async () => {
    let release: (zones: string[]) => void = () => undefined;
    const { palette, calls } = countingPalette(() => new Promise((resolve) => (release = resolve)));
    const catalog = createCatalog({ palette, logger, now: () => new Date(0) }, { budgetMs: 20 });
    expect(await catalog.choices('zones', 'a')).toBeUndefined();
    release(['az1']);
    expect(await catalog.choices('zones', 'a')).toEqual([{ value: 'az1', text: 'az1' }]);
    expect(calls).toHaveLength(1);
  });

  it('names profiles with their version and drops values Slack cannot carry', async () => {
    const catalog = createCatalog({
      palette: countingPalette(async () => []).palette,
      logger,
      now: () => new Date(0),
    });
    expect(await catalog.choices('profiles')).toEqual([{ value: 'p1', text: 'k8s 1.2' }]);
  });
});

describe('withDeadline', () => {
  it('waits for reads made one after another only until one deadline', async () => {
    // A fake clock: the test counts the milliseconds waited instead of timing a busy machine.
    vi.useFakeTimers();
    try {
      const { palette } = countingPalette(() => new Promise<string[]>(() => undefined));
      const catalog = createCatalog({ palette, logger, now: () => new Date(0) }, { budgetMs: 60_000 });
      const request = withDeadline(catalog, 50);
      const first = request.choices('zones', 'a');
      await vi.advanceTimersByTimeAsync(49);
      expect(await Promise.race([first, 'still waiting'])).toBe('still waiting');
      await vi.advanceTimersByTimeAsync(1);
      expect(await first).toBeUndefined();
      // The deadline has passed: the next read is not given another 50 ms.
      const second = request.choices('zones', 'b');
      await vi.advanceTimersByTimeAsync(0);
      expect(await Promise.race([second, 'still waiting'])).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it('still serves a cached answer after the deadline', async () => {
    const { palette } = countingPalette(async () => ['az1']);
    const catalog = createCatalog({ palette, logger, now: () => new Date(0) });
    await catalog.choices('zones', 'a');
    expect(await withDeadline(catalog, 0).choices('zones', 'a')).toEqual([{ value: 'az1', text: 'az1' }]);
  });
});

describe('withinBudget', () => {
  it('gives the value, or undefined for a failure', async () => {
    expect(await withinBudget(Promise.resolve(3), 1_000)).toBe(3);
    expect(await withinBudget(Promise.reject(new Error('no')), 1_000)).toBeUndefined();
  });
});

describe('matchingChoices', () => {
  it('filters by text or value, case-insensitively, and keeps at most 100', () => {
    const choices = Array.from({ length: 250 }, (_, n) => ({
      value: `v${n}`,
      text: n % 2 ? `Odd ${n}` : `even ${n}`,
    }));
    expect(matchingChoices(choices, '')).toHaveLength(MAX_OPTIONS);
    expect(matchingChoices(choices, 'ODD 1')).toHaveLength(56);
    expect(matchingChoices(choices, 'v249')).toEqual([{ value: 'v249', text: 'Odd 249' }]);
  });
});
