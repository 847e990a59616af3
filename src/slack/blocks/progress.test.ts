import { describe, expect, it } from 'vitest';
import { nodeTotals, poolProgressLine, progressBar } from './progress';

describe('progressBar', () => {
  it.each([
    [0, 5, '░░░░░░░░░░'],
    [3, 5, '▓▓▓▓▓▓░░░░'],
    [5, 5, '▓▓▓▓▓▓▓▓▓▓'],
    [7, 5, '▓▓▓▓▓▓▓▓▓▓'],
    [0, 0, '▓▓▓▓▓▓▓▓▓▓'],
  ])('%i of %i ready is %s', (ready, desired, bar) => {
    expect(progressBar(ready, desired)).toBe(bar);
  });

  it('draws a pool line with its name escaped', () => {
    expect(poolProgressLine({ name: 'a<b', ready: 1, desired: 2 })).toBe(
      '`a&lt;b` ▓▓▓▓▓░░░░░ 1/2 nodes ready',
    );
  });
});

describe('nodeTotals', () => {
  it('adds up ready and desired nodes over the pools', () => {
    expect(nodeTotals([])).toEqual({ ready: 0, desired: 0 });
    expect(
      nodeTotals([
        { name: 'cp', ready: 1, desired: 3 },
        { name: 'workers', ready: 2, desired: 2 },
      ]),
    ).toEqual({ ready: 3, desired: 5 });
  });
});
