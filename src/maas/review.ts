import type { ReviewFindings } from '../domain/cluster';
import { escapeText } from '../domain/text';
import { type CapacityDemand, checkCapacity } from './capacity';
import { MaasError } from './errors';
import type { Maas } from './port';

/**
 * The MAAS capacity finding for a request's review (the approval card): undefined when MAAS is not configured,
 * the per-pool lines and what was counted (which MAAS, how many Ready machines) when it answered, and a line
 * saying why when it could not be asked — the check is advice, so a MAAS outage never blocks a review. Only
 * `{ ok, lines, counted }` is returned, to keep the stored record small.
 */
export async function capacityFinding(
  maas: { client: Maas; apiUrl: string } | undefined,
  spec: CapacityDemand,
): Promise<ReviewFindings['capacity']> {
  if (!maas) return undefined;
  try {
    const { ok, lines, readyMachines } = checkCapacity(spec, await maas.client.machines());
    // One MAAS is configured for the bot, whichever cloud account is chosen: say which one was counted.
    const counted = `Counted in the MAAS at ${escapeText(new URL(maas.apiUrl).host)} (the bot's MAAS_API_URL, for every cloud account): ${readyMachines} Ready machine${readyMachines === 1 ? '' : 's'} now, each counted for one pool only.`;
    return { ok, lines, counted };
  } catch (error) {
    if (!(error instanceof MaasError)) throw error;
    return { ok: false, lines: [`MAAS capacity could not be checked: ${escapeText(error.message)}`] };
  }
}
