import type { Deps } from '../deps';
import type { ReviewFindings } from '../domain/cluster';
import type { ClusterSpec } from '../domain/spec';
import { capacityFinding } from '../maas/review';
import { buildCreateBody } from '../palette/build';
import type { SpectroMaasClusterEntity } from '../palette/entities';
import { PaletteError } from '../palette/errors';
import { gatewayFinding } from '../palette/gateway-health';
import type { Palette, ProfilePack } from '../palette/port';
import { missingPaths, PackValuesError } from '../palette/values';

/** Palette's refusals and bad pack overrides are for people to read; anything else is a bug and is re-thrown. */
function messageFor(error: unknown, what: string): string {
  if (error instanceof PaletteError || error instanceof PackValuesError) return `${what}: ${error.message}`;
  throw error;
}

/** Palette's monthly cost estimate for a create body, or undefined when Palette gave none. */
export function estimateOf(
  palette: Palette,
  body: SpectroMaasClusterEntity,
): Promise<ReviewFindings['estimate']> {
  return palette.estimateCost(body).then(
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
  palette: Palette,
  review: ReviewFindings | undefined,
  spec: ClusterSpec,
): Promise<ReviewFindings | undefined> {
  if (!review) return undefined;
  const { estimate: _old, ...rest } = review;
  let estimate: ReviewFindings['estimate'];
  try {
    estimate = await estimateOf(palette, buildCreateBody(spec, await palette.profilePacks(spec.profileUid)));
  } catch (error) {
    messageFor(error, 'No estimate');
  }
  return estimate ? { ...rest, estimate } : rest;
}

/**
 * Asks Palette (the team's project) to dry-run the create body and estimate its cost, and MAAS (when configured) whether the pools
 * fit: what the wizard's review step and the approval card show. These answers are advice to the people
 * deciding, so a Palette or MAAS failure becomes a line in the findings, never a failed review.
 */
export async function reviewFindings(
  deps: Pick<Deps, 'maas' | 'config' | 'now'>,
  palette: Palette,
  spec: ClusterSpec,
): Promise<ReviewFindings> {
  let body: SpectroMaasClusterEntity;
  let packs: ProfilePack[];
  try {
    packs = await palette.profilePacks(spec.profileUid);
    body = buildCreateBody(spec, packs);
  } catch (error) {
    return { validation: { ok: false, messages: [messageFor(error, 'The request could not be prepared')] } };
  }
  const maas =
    deps.maas && deps.config.maas ? { client: deps.maas, apiUrl: deps.config.maas.apiUrl } : undefined;
  const [validation, estimate, capacity, gateway] = await Promise.all([
    palette.validateCluster(body).catch((error: unknown) => ({
      ok: false,
      messages: [messageFor(error, 'Palette could not validate it')],
    })),
    estimateOf(palette, body),
    capacityFinding(maas, spec),
    gatewayFinding(palette, spec.cloudAccountUid, deps.now()),
  ]);
  const unknownOverrides = unknownOverridesOf(spec, packs);
  return {
    validation,
    ...(estimate ? { estimate } : {}),
    ...(capacity ? { capacity } : {}),
    ...(gateway ? { gateway } : {}),
    ...(unknownOverrides.length > 0 ? { unknownOverrides } : {}),
  };
}

/** The overrides of keys their pack's values.yaml does not have, as "pack: key.path". */
function unknownOverridesOf(spec: ClusterSpec, packs: readonly ProfilePack[]): string[] {
  return packs.flatMap((pack) => {
    const overrides = spec.packOverrides.filter((override) => override.pack === pack.name);
    return missingPaths(pack.values, overrides).map((path) => `${pack.name}: ${path}`);
  });
}
