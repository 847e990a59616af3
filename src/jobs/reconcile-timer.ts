import type { Deps } from '../deps';
import { runJob } from './worker';

/** A running local reconciler; stop() waits for a sweep in progress. */
export interface ReconcileTimer {
  stop(): Promise<void>;
}

/**
 * The local runtime's stand-in for the `rate(1 minute)` schedule: a sweep at start (recovering work lost while
 * the process was down), then every `intervalMs`. A sweep still running when the next is due is not doubled.
 */
export function startReconcileTimer(deps: Deps, intervalMs = 60_000): ReconcileTimer {
  let sweeping: Promise<void> | undefined;
  const sweep = () => {
    sweeping ??= runJob({ kind: 'reconcile' }, deps)
      .catch((error: unknown) =>
        deps.logger.error('Reconcile sweep failed; the next one tries again.', { error }),
      )
      .finally(() => {
        sweeping = undefined;
      });
  };
  const timer = setInterval(sweep, intervalMs);
  sweep();
  return {
    stop: async () => {
      clearInterval(timer);
      await sweeping;
    },
  };
}
