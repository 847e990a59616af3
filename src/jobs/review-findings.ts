import type { Deps } from '../deps';
import type { ReviewFindings } from '../domain/cluster';
import type { ClusterSpec } from '../domain/spec';
import { capacityFinding } from '../maas/review';
import { buildCreateBody } from '../palette/build';
import type { SpectroMaasClusterEntity } from '../palette/entities';
import { PaletteError } from '../palette/errors';
import type { Palette } from '../palette/port';
import { PackValuesError } from '../palette/values';

/** Palette's refusals and bad pack overrides are for people to read; anything else is a bug and is re-thrown. */
function messageFor(error: unknown, what: string): string {
  if (error instanceof PaletteError || error instanceof PackValuesError) return `${what}: ${error.message}`;
  throw error;
}

/**
 * Asks Palette (the team's project) to dry-run the create body and estimate its cost, and MAAS (when configured) whether the pools
 * fit: what the wizard's review step and the approval card show. These answers are advice to the people
 * deciding, so a Palette or MAAS failure becomes a line in the findings, never a failed review.
 */
export async function reviewFindings(
  deps: Pick<Deps, 'maas'>,
  palette: Palette,
  spec: ClusterSpec,
): Promise<ReviewFindings> {
  let body: SpectroMaasClusterEntity;
  try {
    body = buildCreateBody(spec, await palette.profilePacks(spec.profileUid));
  } catch (error) {
    return { validation: { ok: false, messages: [messageFor(error, 'The request could not be prepared')] } };
  }
  const [validation, estimate, capacity] = await Promise.all([
    palette.validateCluster(body).catch((error: unknown) => ({
      ok: false,
      messages: [messageFor(error, 'Palette could not validate it')],
    })),
    palette.estimateCost(body).then(
      (cost): ReviewFindings['estimate'] => ({
        total: cost.total,
        currency: cost.currency,
        perPool: cost.pools,
      }),
      (error: unknown): ReviewFindings['estimate'] => void messageFor(error, 'No estimate'),
    ),
    capacityFinding(deps.maas, spec),
  ]);
  return { validation, ...(estimate ? { estimate } : {}), ...(capacity ? { capacity } : {}) };
}
