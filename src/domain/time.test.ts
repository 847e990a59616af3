import { describe, expect, it } from 'vitest';
import { addSeconds, formatDuration, formatEta, formatUtc } from './time';

describe('time for people', () => {
  const now = new Date('2026-11-27T14:26:30Z');

  it('adds seconds to ISO timestamps', () => {
    expect(addSeconds('2026-11-27T14:17:00.000Z', 900)).toBe('2026-11-27T14:32:00.000Z');
  });

  it('writes UTC times, with the date when not today', () => {
    expect(formatUtc(new Date('2026-11-27T09:05:00Z'), now)).toBe('09:05 UTC');
    expect(formatUtc(new Date('2026-11-28T00:10:00Z'), now)).toBe('Nov 28 00:10 UTC');
  });

  it('rounds an ETA up to whole minutes, never below one', () => {
    expect(formatEta(new Date('2026-11-27T14:32:00Z'), now)).toBe('in 6 min, at 14:32 UTC');
    expect(formatEta(new Date('2026-11-27T14:26:40Z'), now)).toBe('in 1 min, at 14:26 UTC');
  });

  it.each([
    [12_000, '12 s'],
    [6 * 60_000, '6 min'],
    [125 * 60_000, '2 h 5 min'],
    [3 * 3_600_000, '3 h'],
    [76 * 3_600_000, '3 d 4 h'],
    [-5, '0 s'],
  ])('formats %i ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
