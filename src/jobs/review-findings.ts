import type { Deps } from '../deps';
import type { ReviewFindings } from '../domain/cluster';
import type { ClusterSpec } from '../domain/spec';
import { capacityFinding } from '../maas/review';
import { buildCreateBody } from '../palette/build';
import type { SpectroMaasClusterEntity } from '../palette/entities';
import { PaletteError } from '../palette/errors';
import { PackValuesError } from '../palette/values';

/** Palette's refusals and bad pack overrides are for people to read; anything else is a bug and is re-thrown. */
function messageFor(error: unknown, what: string): string {
  if (error instanceof PaletteError || error instanceof PackValuesError) return `${what}: ${error.message}`;
  throw error;
}

/** Palette's monthly cost estimate for a create body, or undefined when Palette gave none. */
export function estimateOf(
  deps: Pick<Deps, 'palette'>,
  body: SpectroMaasClusterEntity,
): Promise<ReviewFindings['estimate']> {
  return deps.palette.estimateCost(body).then(
    (cost): ReviewFindings['estimate'] => ({
      total: cost.total,
      currency: cost.currency,
      perPool: cost.pools,
    }),
    (error: unknown): ReviewFindings['estimate'] => void messageFor(error, 'No estimate'),
  );
}

/**
 * The findings with the cost estimate of `spec` (a resized cluster costs more or less): Palette's estimate
 * replaces the old one, or — when Palette gives none — the old one is dropped rather than shown as current.
 */
export async function withEstimateOf(
  deps: Pick<Deps, 'palette'>,
  review: ReviewFindings | undefined,
  spec: ClusterSpec,
): Promise<ReviewFindings | undefined> {
  if (!review) return undefined;
  const { estimate: _old, ...rest } = review;
  let estimate: ReviewFindings['estimate'];
  try {
    estimate = await estimateOf(
      deps,
      buildCreateBody(spec, await deps.palette.profilePacks(spec.profileUid)),
    );
  } catch (error) {
    messageFor(error, 'No estimate');
  }
  return estimate ? { ...rest, estimate } : rest;
}

/**
 * Asks Palette to dry-run the create body and estimate its cost, and MAAS (when configured) whether the pools
 * fit: what the wizard's review step and the approval card show. These answers are advice to the people
 * deciding, so a Palette or MAAS failure becomes a line in the findings, never a failed review.
 */
export async function reviewFindings(
  deps: Pick<Deps, 'palette' | 'maas'>,
  spec: ClusterSpec,
): Promise<ReviewFindings> {
  let body: SpectroMaasClusterEntity;
  try {
    body = buildCreateBody(spec, await deps.palette.profilePacks(spec.profileUid));
  } catch (error) {
    return { validation: { ok: false, messages: [messageFor(error, 'The request could not be prepared')] } };
  }
  const [validation, estimate, capacity] = await Promise.all([
    deps.palette.validateCluster(body).catch((error: unknown) => ({
      ok: false,
      messages: [messageFor(error, 'Palette could not validate it')],
    })),
    estimateOf(deps, body),
    capacityFinding(deps.maas, spec),
  ]);
  return { validation, ...(estimate ? { estimate } : {}), ...(capacity ? { capacity } : {}) };
}
