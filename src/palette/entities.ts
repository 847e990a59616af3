/**
 * Request bodies the bot sends to Palette, typed after the definitions of the same name in Palette's OpenAPI
 * spec (v1SpectroMaasClusterEntity and what it references). Only the fields the bot sets are listed.
 */
import type { TaintEffect } from '../domain/spec';
import type { UpdateStrategyType } from './build';

export interface Taint {
  key: string;
  value: string;
  effect: TaintEffect;
}

export interface MaasInstanceType {
  minCPU: number;
  minMemInMB: number;
  minDiskSizeInGB: number;
}

export interface MachinePoolConfigEntity {
  name: string;
  size: number;
  labels: string[];
  isControlPlane: boolean;
  useControlPlaneAsWorker: boolean;
  additionalLabels?: Record<string, string>;
  taints?: Taint[];
  updateStrategy?: { type: UpdateStrategyType };
  minSize?: number;
  maxSize?: number;
  additionalTags?: Record<string, string>;
  nodeRepaveInterval?: number;
  skipK8sUpgrade?: 'enabled' | 'disabled';
  machinePoolProperties?: { archType?: 'amd64' | 'arm64' };
}

export interface MaasMachinePoolCloudConfigEntity {
  instanceType: MaasInstanceType;
  resourcePool: string;
  azs?: string[];
  tags?: string[];
  useLxdVm?: boolean;
  network?: { networkName: string; staticIp?: boolean; parentPoolUid?: string };
}

export interface MaasMachinePoolConfigEntity {
  cloudConfig: MaasMachinePoolCloudConfigEntity;
  poolConfig: MachinePoolConfigEntity;
}

export interface PackValuesEntity {
  name: string;
  tag?: string;
  type?: string;
  values?: string;
}

export interface SpectroClusterProfileEntity {
  uid: string;
  packValues?: PackValuesEntity[];
  variables?: { name: string; value?: string }[];
}

export interface ClusterComplianceScheduleConfig {
  kubeBench?: { schedule: { scheduledRunTime: string } };
  kubeHunter?: { schedule: { scheduledRunTime: string } };
  sonobuoy?: { schedule: { scheduledRunTime: string } };
}

export interface ClusterBackupConfig {
  backupLocationName?: string;
  backupLocationUid?: string;
  backupPrefix?: string;
  durationInHours?: number;
  includeAllDisks?: boolean;
  includeClusterResources?: boolean;
  namespaces?: string[];
  schedule?: { scheduledRunTime: string };
}

export interface SpectroMaasClusterEntity {
  metadata: {
    name: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: {
    // Required by the spec though it lists no property for it; Palette's own clients send 'maas'.
    cloudType: 'maas';
    cloudAccountUid: string;
    cloudConfig: { domain: string; enableLxdVm?: boolean };
    profiles: SpectroClusterProfileEntity[];
    machinepoolconfig: MaasMachinePoolConfigEntity[];
    clusterConfig?: {
      machineManagementConfig?: {
        osPatchConfig?: { schedule?: string; patchOnBoot?: boolean; rebootIfRequired?: boolean };
      };
    };
    policies?: { backupPolicy?: ClusterBackupConfig; scanPolicy?: ClusterComplianceScheduleConfig };
  };
}
