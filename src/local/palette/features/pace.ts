import { PACE_SECONDS } from '../clock';
import type { SimRuntime } from '../runtime';
import type { ScanDriver } from './model';

/** How long day-2 work takes at speed 1 (the playground's pace), in seconds. */
export const FEATURE_PACE_SECONDS = {
  backup: 20,
  kubeBench: 30,
  kubeHunter: 20,
  /** Conformance is the long one (hours on a real cluster). */
  sonobuoy: 90,
} as const satisfies Record<'backup' | ScanDriver, number>;

/** The same in milliseconds of the simulator's clock, at the simulator's speed (read off its pace). */
export function featureMs(sim: SimRuntime, step: keyof typeof FEATURE_PACE_SECONDS): number {
  const msPerSecond = sim.pace.settle / PACE_SECONDS.settle;
  return FEATURE_PACE_SECONDS[step] * msPerSecond;
}
