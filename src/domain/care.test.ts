import { describe, expect, it } from 'vitest';
import { healthStep } from './care';

const T0 = '2026-03-02T09:00:00.000Z';
const T1 = '2026-03-02T09:01:00.000Z';
const T2 = '2026-03-02T09:07:30.000Z';
const sick = { healthy: false, problems: [{ type: 'NodeNotReady', message: 'worker-1' }] };
const well = { healthy: true, problems: [] };

describe('healthStep', () => {
  it('suspects a first unhealthy sighting, announces it a sweep later, then waits', () => {
    const first = healthStep(undefined, sick, T0);
    expect(first).toEqual({
      kind: 'suspect',
      episode: { since: T0, announced: false, problems: sick.problems },
    });
    const second = healthStep(first.kind === 'suspect' ? first.episode : undefined, sick, T1);
    expect(second).toMatchObject({ kind: 'announce-down', episode: { since: T0, announced: true } });
    expect(healthStep({ since: T0, announced: true, problems: [] }, sick, T2)).toEqual({ kind: 'none' });
  });

  it('announces healthy again with how long the episode lasted; forgets a flap; nothing while healthy', () => {
    expect(healthStep({ since: T0, announced: true, problems: [] }, well, T2)).toMatchObject({
      kind: 'announce-up',
      lastedMs: 450_000,
    });
    expect(healthStep({ since: T0, announced: false, problems: [] }, well, T1)).toEqual({
      kind: 'forget-flap',
    });
    expect(healthStep(undefined, well, T1)).toEqual({ kind: 'none' });
  });
});
