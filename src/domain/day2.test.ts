import { describe, expect, it } from 'vitest';
import { followDelaySeconds, onDemandBackupName, outcomeOf } from './day2';

describe('day-2 runs', () => {
  it('reads Palette states: Completed ends, failures end, anything else is still running', () => {
    expect(outcomeOf('Completed')).toBe('completed');
    expect(outcomeOf('Failed')).toBe('failed');
    expect(outcomeOf('PartiallyFailed')).toBe('failed');
    expect(outcomeOf('InProgress')).toBe('running');
    expect(outcomeOf('Uploading')).toBe('running');
  });

  it('backs off from the poll interval to at most five minutes', () => {
    expect([0, 1, 2, 3, 40].map((attempt) => followDelaySeconds(attempt, 60))).toEqual([
      60, 120, 240, 300, 300,
    ]);
    expect(followDelaySeconds(0, 1)).toBe(1);
  });

  it('names an on-demand backup after its prefix and the minute, as a DNS-1123 label', () => {
    const at = new Date('2026-03-02T09:05:31Z');
    expect(onDemandBackupName('Nightly_Apps', at)).toBe('nightly-apps-20260302-0905');
    expect(onDemandBackupName(undefined, at)).toBe('on-demand-20260302-0905');
    expect(onDemandBackupName('x'.repeat(80), at)).toMatch(/^x{40}-20260302-0905$/);
  });
});
