import { parseDocument } from 'yaml';
import type { Refusal } from './errors';
import { notFound } from './errors';
import type { MaasClusterBody, MachinePool } from './schemas';
import type { Catalog, SeedAccount, SeedProfile } from './seed';

/** A constraint problem, as `v1ConstraintError`. */
export interface ConstraintError {
  code: string;
  message: string;
}

/** `v1SpectroClusterValidatorResponse`. */
export interface ValidatorResponse {
  machinePools: { results: { name: string; displayName: string; errors: ConstraintError[] }[] };
  profiles: {
    uid: string;
    packs: { results: { name: string; displayName: string; errors: ConstraintError[] }[] };
  }[];
}

/** The account and profiles a create or validate body refers to, or why they cannot be used. */
export function resolveReferences(
  catalog: Catalog,
  body: MaasClusterBody,
): { account: SeedAccount; profiles: (SeedProfile | undefined)[] } | Refusal {
  const account = catalog.accounts.find((candidate) => candidate.uid === body.spec.cloudAccountUid);
  if (!account) return notFound('CloudAccount', body.spec.cloudAccountUid);
  const domain = body.spec.cloudConfig.domain;
  if (!account.domains.includes(domain)) {
    return {
      status: 400,
      code: 'InvalidDomain',
      message: `Domain '${domain}' is not a domain of MAAS account '${account.name}' (${account.domains.join(', ')})`,
    };
  }
  const profiles = body.spec.profiles.map((ref) =>
    catalog.profiles.find((profile) => profile.uid === ref.uid),
  );
  return { account, profiles };
}

const ENVIRONMENTS = ['maas', 'all'];

/** Why a create cannot use the profiles it names (unknown, or made for another environment), if so. */
export function profileRefusal(
  body: MaasClusterBody,
  profiles: (SeedProfile | undefined)[],
): Refusal | undefined {
  const missing = body.spec.profiles.find((_ref, index) => !profiles[index]);
  if (missing) return notFound('ClusterProfile', missing.uid);
  const foreign = profiles.find((profile) => profile && !ENVIRONMENTS.includes(profile.cloudType));
  if (!foreign) return undefined;
  return {
    status: 400,
    code: 'InvalidClusterProfile',
    message: `Cluster profile '${foreign.name}' is for ${foreign.cloudType}, not maas`,
  };
}

function poolErrors(account: SeedAccount, pool: MachinePool): ConstraintError[] {
  const { instanceType, resourcePool, azs = [], tags = [] } = pool.cloudConfig;
  const errors: ConstraintError[] = [];
  const zones = account.zones.map((zone) => zone.name);
  if (!account.resourcePools.some((candidate) => candidate.name === resourcePool)) {
    errors.push({
      code: 'ResourcePoolNotFound',
      message: `Resource pool '${resourcePool}' does not exist in MAAS`,
    });
  }
  for (const az of azs.filter((zone) => !zones.includes(zone))) {
    errors.push({ code: 'ZoneNotFound', message: `Availability zone '${az}' does not exist in MAAS` });
  }
  for (const tag of tags.filter((name) => !account.tags.some((candidate) => candidate.name === name))) {
    errors.push({ code: 'TagNotFound', message: `Machine tag '${tag}' does not exist in MAAS` });
  }
  if (errors.length > 0) return errors;

  const inPool = account.machines.filter((shape) => shape.pool === resourcePool);
  const largest = (pick: (shape: (typeof inPool)[number]) => number) => Math.max(0, ...inPool.map(pick));
  const limits = [
    { code: 'InsufficientCPU', asked: instanceType.minCPU, has: largest((shape) => shape.cpu), unit: 'CPUs' },
    {
      code: 'InsufficientMemory',
      asked: instanceType.minMemInMB,
      has: largest((shape) => shape.memMiB),
      unit: 'MiB of memory',
    },
    {
      code: 'InsufficientDisk',
      asked: instanceType.minDiskSizeInGB ?? 0,
      has: largest((shape) => shape.diskGB),
      unit: 'GiB of disk',
    },
  ];
  for (const limit of limits.filter((candidate) => candidate.asked > candidate.has)) {
    errors.push({
      code: limit.code,
      message: `No machine in resource pool '${resourcePool}' has ${limit.asked} ${limit.unit}; the largest has ${limit.has}`,
    });
  }
  if (errors.length > 0) return errors;

  const fitting = inPool
    .filter((shape) => azs.length === 0 || azs.includes(shape.zone))
    .filter((shape) => shape.cpu >= instanceType.minCPU && shape.memMiB >= instanceType.minMemInMB)
    .filter((shape) => shape.diskGB >= (instanceType.minDiskSizeInGB ?? 0))
    .filter((shape) => tags.every((tag) => shape.tags.includes(tag)))
    .reduce((sum, shape) => sum + shape.count, 0);
  if (fitting < pool.poolConfig.size) {
    const where = azs.length > 0 ? ` in zones ${azs.join(', ')}` : '';
    errors.push({
      code: 'InsufficientMachines',
      message:
        `Pool '${pool.poolConfig.name}' needs ${pool.poolConfig.size} machines with at least ${instanceType.minCPU} CPUs ` +
        `and ${instanceType.minMemInMB} MiB in resource pool '${resourcePool}'${where}; MAAS has ${fitting} Ready`,
    });
  }
  return errors;
}

function packErrors(profile: SeedProfile, ref: MaasClusterBody['spec']['profiles'][number]) {
  const environment = ENVIRONMENTS.includes(profile.cloudType)
    ? []
    : [
        {
          name: profile.name,
          displayName: profile.name,
          errors: [
            {
              code: 'ProfileEnvironmentMismatch',
              message: `Cluster profile '${profile.name}' is for ${profile.cloudType}, not maas`,
            },
          ],
        },
      ];
  const results = (ref.packValues ?? []).flatMap((override) => {
    const pack = profile.packs.find((candidate) => candidate.name === override.name);
    if (!pack) {
      const error = {
        code: 'PackNotFound',
        message: `Pack '${override.name}' is not part of profile '${profile.name}'`,
      };
      return [{ name: override.name, displayName: override.name, errors: [error] }];
    }
    const problems = override.values === undefined ? [] : parseDocument(override.values).errors;
    if (problems.length === 0) return [];
    const errors = [
      {
        code: 'InvalidPackValues',
        message: `values.yaml of ${pack.name} is not valid YAML: ${problems[0]?.message}`,
      },
    ];
    return [{ name: pack.name, displayName: pack.displayName, errors }];
  });
  const variableResults = (ref.variables ?? []).flatMap((variable) => {
    const known = profile.variables.find((candidate) => candidate.name === variable.name);
    const message = !known
      ? `Variable '${variable.name}' is not defined by profile '${profile.name}'`
      : known.regex && variable.value !== undefined && !new RegExp(known.regex).test(variable.value)
        ? `Variable '${variable.name}' does not match ${known.regex}`
        : undefined;
    return message
      ? [{ name: variable.name, displayName: variable.name, errors: [{ code: 'InvalidVariable', message }] }]
      : [];
  });
  return [...environment, ...results, ...variableResults];
}

/** Palette's dry run of a create body: what in its pools and profiles MAAS and the profiles cannot satisfy. */
export function validateCluster(
  account: SeedAccount,
  profiles: (SeedProfile | undefined)[],
  body: MaasClusterBody,
): ValidatorResponse {
  return {
    machinePools: {
      results: body.spec.machinepoolconfig.map((pool) => ({
        name: pool.poolConfig.name,
        displayName: pool.poolConfig.name,
        errors: poolErrors(account, pool),
      })),
    },
    profiles: body.spec.profiles.map((ref, index) => {
      const profile = profiles[index];
      const results = profile
        ? packErrors(profile, ref)
        : [
            {
              name: ref.uid,
              displayName: ref.uid,
              errors: [{ code: 'ProfileNotFound', message: `Cluster profile '${ref.uid}' not found` }],
            },
          ];
      return { uid: ref.uid, packs: { results } };
    }),
  };
}
