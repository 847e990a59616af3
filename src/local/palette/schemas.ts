import { z } from 'zod';
import { TAINT_EFFECTS } from '../../domain/spec';
import { ClusterConfigSchema, PoliciesSchema } from './features/schemas';

/**
 * The simulator's own checks of request bodies: what it needs to act on them, with messages like Palette's.
 * They run always, beside the spec's JSON Schema (when the spec file is there). Unknown fields are tolerated.
 */

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Palette's rule for cluster and pool names: a DNS-1123 label. */
export const ResourceName = z
  .string()
  .min(1, 'is required')
  .max(63, 'must be at most 63 characters')
  .regex(DNS_LABEL, 'must be lowercase letters, digits and "-", starting and ending with a letter or digit');

const StringMap = z.record(z.string(), z.string());

/** `v1Taint`: effect is one of Kubernetes' three. */
export const TaintSchema = z.object({
  key: z.string().min(1, 'taint key is required'),
  value: z.string().optional(),
  effect: z.enum(TAINT_EFFECTS),
});

/** `v1MaasInstanceType`: the least a MAAS machine must have. */
export const InstanceTypeSchema = z.object({
  minCPU: z.number().int().min(1, 'minCPU must be at least 1'),
  minMemInMB: z.number().int().min(1, 'minMemInMB must be at least 1'),
  minDiskSizeInGB: z.number().int().min(0).optional(),
});

/** `v1MaasMachinePoolConfigEntity`: placement in MAAS (cloudConfig) and the pool itself (poolConfig). */
export const MachinePoolSchema = z.object({
  cloudConfig: z.object({
    instanceType: InstanceTypeSchema,
    resourcePool: z.string().min(1, 'resourcePool is required'),
    azs: z.array(z.string().min(1)).optional(),
    tags: z.array(z.string().min(1)).optional(),
  }),
  poolConfig: z.object({
    name: ResourceName,
    size: z.number().int().min(0, 'size must be 0 or more').max(1000),
    labels: z.array(z.string()),
    isControlPlane: z.boolean().optional(),
    useControlPlaneAsWorker: z.boolean().optional(),
    additionalLabels: StringMap.optional(),
    taints: z.array(TaintSchema).optional(),
    updateStrategy: z
      .object({
        type: z.enum(['RollingUpdateScaleOut', 'RollingUpdateScaleIn', 'OverrideScaling']).optional(),
      })
      .optional(),
    minSize: z.number().int().min(0).optional(),
    maxSize: z.number().int().min(0).optional(),
  }),
});
/** One machine pool of a create body, or the body of a machine-pool update. */
export type MachinePool = z.infer<typeof MachinePoolSchema>;

const CONTROL_PLANE_SIZES = [1, 3, 5];

function checkPools(pools: MachinePool[], ctx: z.RefinementCtx): void {
  const controlPlanes = pools.filter((pool) => pool.poolConfig.isControlPlane);
  if (controlPlanes.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      path: ['machinepoolconfig'],
      message: `a cluster needs exactly one control-plane pool (poolConfig.isControlPlane: true); found ${controlPlanes.length}`,
    });
  }
  for (const pool of controlPlanes) {
    if (!CONTROL_PLANE_SIZES.includes(pool.poolConfig.size)) {
      ctx.addIssue({
        code: 'custom',
        path: ['machinepoolconfig'],
        message: `control-plane pool ${pool.poolConfig.name} must have 1, 3 or 5 nodes, not ${pool.poolConfig.size}`,
      });
    }
  }
  const seen = new Set<string>();
  for (const pool of pools) {
    if (seen.has(pool.poolConfig.name)) {
      ctx.addIssue({
        code: 'custom',
        path: ['machinepoolconfig'],
        message: `machine pool name ${pool.poolConfig.name} is used twice`,
      });
    }
    seen.add(pool.poolConfig.name);
  }
}

const MachinePools = z
  .array(MachinePoolSchema)
  .min(1, 'at least one machine pool is required')
  .superRefine(checkPools);

/** `v1PackValuesEntity`: a pack's values.yaml override. */
export const PackValuesSchema = z.object({
  name: z.string().min(1),
  tag: z.string().optional(),
  type: z.string().optional(),
  values: z.string().optional(),
});

/** `v1SpectroClusterProfileEntity`: a profile to apply, with pack overrides and variables. */
export const ProfileRefSchema = z.object({
  uid: z.string().min(1, 'profile uid is required'),
  packValues: z.array(PackValuesSchema).optional(),
  variables: z.array(z.object({ name: z.string().min(1), value: z.string().optional() })).optional(),
});

/** `v1SpectroMaasClusterEntity`, as create and validate take it. */
export const MaasClusterSchema = z.object({
  metadata: z.object({
    name: ResourceName,
    labels: StringMap.optional(),
    annotations: StringMap.optional(),
  }),
  spec: z.object({
    cloudType: z.literal('maas', { error: 'cloudType must be "maas"' }),
    cloudAccountUid: z.string().min(1, 'cloudAccountUid is required'),
    cloudConfig: z.object({ domain: z.string().min(1, 'domain is required') }),
    profiles: z.array(ProfileRefSchema).min(1, 'at least one cluster profile is required'),
    machinepoolconfig: MachinePools,
    clusterConfig: ClusterConfigSchema.optional(),
    policies: PoliciesSchema.optional(),
  }),
});
export type MaasClusterBody = z.infer<typeof MaasClusterSchema>;

/** `v1SpectroMaasClusterRateEntity`. */
export const MaasRateSchema = z.object({
  cloudConfig: z.object({ domain: z.string() }).optional(),
  machinepoolconfig: z.array(MachinePoolSchema).min(1, 'at least one machine pool is required'),
});
export type MaasRateBody = z.infer<typeof MaasRateSchema>;

const Conjunction = z.enum(['and', 'or']).nullish();

const StringCondition = z.object({
  operator: z.enum(['eq', 'contains', 'beginsWith']).optional(),
  negation: z.boolean().optional(),
  ignoreCase: z.boolean().optional(),
  match: z.object({ conjunction: Conjunction, values: z.array(z.string()) }),
});

/** One filter of a search (`v1SearchFilterItem`), as far as the simulator evaluates it. */
export const SearchFilterSchema = z.object({
  property: z.string().min(1),
  type: z.enum(['string', 'int', 'float', 'bool', 'date', 'keyValue']).optional(),
  condition: z.object({
    string: StringCondition.optional(),
    bool: z.object({ value: z.boolean() }).optional(),
    keyValue: StringCondition.extend({ key: z.string() }).optional(),
  }),
});
export type SearchFilter = z.infer<typeof SearchFilterSchema>;

/** Fields a cluster search sorts on (`v1SearchSortFields`). */
export const SORT_FIELDS = [
  'environment',
  'clusterName',
  'clusterState',
  'healthState',
  'creationTimestamp',
  'lastModifiedTimestamp',
] as const;

/** `v1SearchFilterSummarySpec`. */
export const SearchSchema = z.object({
  filter: z
    .object({
      conjunction: Conjunction,
      filterGroups: z
        .array(z.object({ conjunction: Conjunction, filters: z.array(SearchFilterSchema).optional() }))
        .optional(),
    })
    .optional(),
  sort: z
    .array(z.object({ field: z.enum(SORT_FIELDS).nullish(), order: z.enum(['asc', 'desc']).optional() }))
    .optional(),
});
export type SearchBody = z.infer<typeof SearchSchema>;

const FilterString = z.object({
  eq: z.string().nullish(),
  ne: z.string().nullish(),
  contains: z.string().nullish(),
  beginsWith: z.string().nullish(),
  ignoreCase: z.boolean().optional(),
});

/** `v1ClusterProfilesFilterSpec`. */
export const ProfilesFilterSchema = z.object({
  filter: z
    .object({
      environment: z.array(z.string()).optional(),
      profileName: FilterString.optional(),
      profileType: z.array(z.enum(['cluster', 'infra', 'add-on', 'system'])).optional(),
    })
    .optional(),
  sort: z
    .array(
      z.object({
        field: z
          .enum(['profileName', 'environment', 'profileType', 'creationTimestamp', 'lastModifiedTimestamp'])
          .nullish(),
        order: z.enum(['asc', 'desc']).optional(),
      }),
    )
    .optional(),
});
export type ProfilesFilterBody = z.infer<typeof ProfilesFilterSchema>;

/** Readable lines for zod issues: `path: message`. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : '(body)';
    return `${where}: ${issue.message}`;
  });
}
