import { ConflictError } from '../../store/port';
import { scheduleExpiry } from '../expiry';
import type { JobHandler } from '../handler';

/** Races with a concurrent decision lost before giving up (each means someone just decided). */
const ATTEMPTS = 3;

/**
 * Expires a request nobody decided: only a PENDING_APPROVAL record past `expiresAt` moves to EXPIRED (one
 * conditional transition; a decision that lands first wins), then `decision` updates the card and the thread.
 * A duplicate firing finds the request decided and does nothing; an early one (clock skew) asks to be woken again.
 */
export const expire: JobHandler<'expire'> = async ({ clusterId }, deps) => {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const record = await deps.store.get(clusterId);
    if (record?.state !== 'PENDING_APPROVAL') return;
    const now = deps.now();
    if (now.getTime() < Date.parse(record.expiresAt)) {
      await scheduleExpiry(deps, record);
      return;
    }
    try {
      await deps.store.apply(record, { event: 'expired', by: 'scheduler', at: now.toISOString() });
    } catch (error) {
      if (error instanceof ConflictError) continue;
      throw error;
    }
    await deps.jobs.dispatch({ kind: 'decision', clusterId });
    return;
  }
};
