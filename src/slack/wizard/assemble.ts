import { type ClusterSpec, ClusterSpecSchema } from '../../domain/spec';
import type { WizardData } from './draft';
import { packFieldId } from './fields';
import type { Problems } from './form';
import type { StepId } from './ids';
import { CLUSTER_PATHS, parseClusterForm } from './parse/cluster';
import { fieldForPath } from './parse/issues';
import { MANAGEMENT_PATHS, parseManagementForm } from './parse/management';
import { parsePackOverrideTexts } from './parse/packs';
import { POOL_PATHS, parseControlPlaneForm } from './parse/pool';
import { parseWorkerPools } from './workers';

/** The whole spec, or the step (and pool) to send the person back to, with what is wrong there. */
export type Assembled =
  | { ok: true; spec: ClusterSpec }
  | { ok: false; step: StepId; pool?: string; problems: Problems };

/** The pack names the draft's override inputs belong to: only while the profile they were loaded for is chosen. */
export function packNamesOf(data: WizardData, profileUid: string | undefined): string[] {
  return data.packs && data.packs.profileUid === profileUid ? data.packs.names : [];
}

/** Where a whole-spec issue is typed: its step, pool and field. */
function locate(data: WizardData, path: readonly PropertyKey[], message: string): Assembled {
  const [head, index] = path;
  if (head === 'controlPlane')
    return {
      ok: false,
      step: 'control-plane',
      problems: { [fieldForPath(path.slice(1), POOL_PATHS) ?? 'name']: message },
    };
  if (head === 'workerPools') {
    const pool = data.workers[Number(index)]?.key;
    const field = fieldForPath(path.slice(2), POOL_PATHS) ?? 'name';
    return { ok: false, step: 'workers', ...(pool ? { pool } : {}), problems: { [field]: message } };
  }
  if (head === 'packOverrides') return { ok: false, step: 'packs', problems: { [packFieldId(0)]: message } };
  if (head === 'management')
    return {
      ok: false,
      step: 'packs',
      problems: { [fieldForPath(path.slice(1), MANAGEMENT_PATHS) ?? 'osPatchSchedule']: message },
    };
  return { ok: false, step: 'cluster', problems: { [fieldForPath(path, CLUSTER_PATHS) ?? 'name']: message } };
}

/**
 * Parses every step's form from the draft and checks the result with `ClusterSpecSchema`: what the review shows
 * and what a submission stores. Nothing half-made gets through.
 */
export function assembleSpec(data: WizardData): Assembled {
  const basics = parseClusterForm(data.cluster);
  if (!basics.ok) return { ok: false, step: 'cluster', problems: basics.problems };
  const controlPlane = parseControlPlaneForm(data.controlPlane);
  if (!controlPlane.ok) return { ok: false, step: 'control-plane', problems: controlPlane.problems };
  const workers = parseWorkerPools(data);
  if (!workers.ok) return { ok: false, step: 'workers', pool: workers.key, problems: workers.problems };
  const overrides = parsePackOverrideTexts(packNamesOf(data, basics.value.profileUid), data.packValues);
  if (!overrides.ok) return { ok: false, step: 'packs', problems: overrides.problems };
  const management = parseManagementForm(data.management);
  if (!management.ok) return { ok: false, step: 'packs', problems: management.problems };
  const parsed = ClusterSpecSchema.safeParse({
    ...basics.value,
    packOverrides: overrides.value,
    controlPlane: controlPlane.value,
    workerPools: workers.pools,
    ...(management.value ? { management: management.value } : {}),
  });
  if (parsed.success) return { ok: true, spec: parsed.data };
  const [issue] = parsed.error.issues;
  return locate(data, issue!.path, issue!.message);
}
