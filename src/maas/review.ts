import type { ReviewFindings } from '../domain/cluster';
import { escapeText } from '../domain/text';
import { type CapacityDemand, checkCapacity } from './capacity';
import { MaasError } from './errors';
import type { Maas } from './port';

/**
 * The MAAS capacity finding for a request's review (the approval card): undefined when MAAS is not configured,
 * the per-pool lines when it answered, and a line saying why when it could not be asked — the check is advice, so
 * a MAAS outage never blocks a review. Only `{ ok, lines }` is returned, to keep the stored record small.
 */
export async function capacityFinding(
  maas: Maas | undefined,
  spec: CapacityDemand,
): Promise<ReviewFindings['capacity']> {
  if (!maas) return undefined;
  try {
    const { ok, lines } = checkCapacity(spec, await maas.machines());
    return { ok, lines };
  } catch (error) {
    if (!(error instanceof MaasError)) throw error;
    return { ok: false, lines: [`MAAS capacity could not be checked: ${escapeText(error.message)}`] };
  }
}
