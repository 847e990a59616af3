import type { MaasClusterBody } from '../schemas';
import { locationOf } from './locations';
import type { ClusterFeatures } from './model';

/**
 * The features a create body sets (the wizard's management step): its OS patch config, and its backup and scan
 * policies as if POSTed once the cluster exists (a backup policy whose location is unknown is left out).
 */
export function featuresAtCreate(body: MaasClusterBody, t: number): ClusterFeatures {
  const { clusterConfig, policies } = body.spec;
  const backupPolicy = policies?.backupPolicy;
  const location = backupPolicy ? locationOf(backupPolicy) : undefined;
  return {
    backups: [],
    scans: [],
    osPatch: { ...clusterConfig?.machineManagementConfig?.osPatchConfig },
    ...(backupPolicy && location
      ? {
          backup: {
            config: {
              ...backupPolicy,
              backupLocationUid: location.uid,
              backupLocationName: location.name,
              locationType: location.storage,
            },
            location,
            updatedAt: t,
          },
        }
      : {}),
    ...(policies?.scanPolicy ? { scan: { config: policies.scanPolicy, updatedAt: t } } : {}),
  };
}
