import { z } from 'zod';

/** Lowercase alphanumerics and '-', starting and ending alphanumeric: a Kubernetes DNS-1123 label. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Tag keys and values: alphanumerics, '.', '-', '_' (Palette turns tags into Kubernetes labels). */
const TAG_PART = /^[A-Za-z0-9._-]+$/;
/** Kubernetes label name part and value: alphanumerics, '-', '_', '.', starting and ending alphanumeric. */
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
/** A DNS-1123 subdomain, the optional prefix of a label key (`example.com/role`). */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Five-field cron, as Palette's schedules take them (`0 2 * * SUN`). */
const CRON = /^\s*(\S+\s+){4}\S+\s*$/;

export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
export type TaintEffect = (typeof TAINT_EFFECTS)[number];
export const CONTROL_PLANE_SIZES = [1, 3, 5] as const;
export const ROLLING_UPDATES = ['expand-first', 'contract-first'] as const;
export const MAX_WORKER_POOLS = 10;
export const MAX_POOL_SIZE = 200;
export const MAX_NAME_LENGTH = 63;
export const MAX_DESCRIPTION_LENGTH = 1000;
/** Pack overrides a spec may carry, all packs together. */
export const MAX_PACK_OVERRIDES = 200;
/** A pool's bounds: instance type, disk, zones and MAAS tags (the wizard's inputs take the same). */
export const MIN_CPU = 1;
export const MAX_CPU = 1024;
export const MIN_MEMORY_MIB = 1024;
export const MAX_MEMORY_MIB = 16 * 1024 * 1024;
export const MIN_DISK_GIB = 20;
export const MAX_DISK_GIB = 65536;
export const MAX_POOL_ZONES = 20;
export const MAX_MACHINE_TAGS = 20;

/** Checks a cluster (or pool: `what`) name against the DNS-1123 label rule; a message for people or undefined. */
export function clusterNameProblem(name: string, what = 'cluster'): string | undefined {
  if (name.length === 0) return `Give the ${what} a name.`;
  if (name.length > MAX_NAME_LENGTH)
    return `Use at most ${MAX_NAME_LENGTH} characters (this one has ${name.length}).`;
  if (!DNS_LABEL.test(name))
    return 'Use lowercase letters, digits and "-" only, starting and ending with a letter or digit (e.g. "team-a-dev").';
  return undefined;
}

const dnsLabel = (what: string) =>
  z.string().superRefine((value, ctx) => {
    const problem = clusterNameProblem(value, what);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const TagSchema = z.object({
  key: z
    .string()
    .min(1, 'A tag needs a key.')
    .max(63, 'Tag keys have at most 63 characters.')
    .regex(TAG_PART, 'Tag keys use letters, digits, ".", "-" and "_" only.'),
  value: z
    .string()
    .max(63, 'Tag values have at most 63 characters.')
    .regex(TAG_PART, 'Tag values use letters, digits, ".", "-" and "_" only.')
    .optional(),
});
export type Tag = z.infer<typeof TagSchema>;

/** Explains what is wrong with a Kubernetes label (or taint) key, or undefined when it is valid. */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)))
    return `"${key}": the prefix before "/" must be a DNS subdomain such as example.com.`;
  if (name.length === 0 || name.length > 63 || !LABEL_NAME.test(name))
    return `"${key}": keys have 1–63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.`;
  return undefined;
}

/** Label prefixes Kubernetes keeps for itself: `kubernetes.io`, `k8s.io` and their subdomains (node-role.…). */
const RESERVED_LABEL_PREFIX = /(^|\.)(kubernetes\.io|k8s\.io)$/;

/**
 * Explains what is wrong with a node label key: a malformed key, or one under a prefix Kubernetes reserves for
 * its own components (`node-role.kubernetes.io/…`, `kubernetes.io/…`, `k8s.io/…`), which kubelet and the API
 * server set or refuse; undefined when it is valid.
 */
export function nodeLabelKeyProblem(key: string): string | undefined {
  const problem = labelKeyProblem(key);
  if (problem) return problem;
  const slash = key.indexOf('/');
  if (slash < 0 || !RESERVED_LABEL_PREFIX.test(key.slice(0, slash))) return undefined;
  return `"${key}": the kubernetes.io and k8s.io prefixes are reserved for Kubernetes itself; use a prefix of your own, such as example.com/role.`;
}

/** Explains what is wrong with a Kubernetes label (or taint) value, or undefined when it is valid. */
export function labelValueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63 || !LABEL_NAME.test(value))
    return `"${value}": values have at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.`;
  return undefined;
}

const labelKey = z.string().superRefine((key, ctx) => {
  const problem = labelKeyProblem(key);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const labelValue = z.string().superRefine((value, ctx) => {
  const problem = labelValueProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const nodeLabelKey = z.string().superRefine((key, ctx) => {
  const problem = nodeLabelKeyProblem(key);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const NodeLabelSchema = z.object({ key: nodeLabelKey, value: labelValue });
export type NodeLabel = z.infer<typeof NodeLabelSchema>;

export const TaintSchema = z.object({
  key: labelKey,
  value: labelValue,
  effect: z.enum(TAINT_EFFECTS, { message: `The effect is one of ${TAINT_EFFECTS.join(', ')}.` }),
});
export type Taint = z.infer<typeof TaintSchema>;

export const InstanceTypeSchema = z.object({
  minCPU: z
    .number({ message: 'Give the minimum CPU count as a whole number.' })
    .int('Give the minimum CPU count as a whole number.')
    .min(MIN_CPU, `Machines need at least ${MIN_CPU} CPU.`)
    .max(MAX_CPU, `At most ${MAX_CPU} CPUs.`),
  minMemInMB: z
    .number({ message: 'Give the minimum memory in MiB as a whole number.' })
    .int('Give the minimum memory in MiB as a whole number.')
    .min(MIN_MEMORY_MIB, `Machines need at least ${MIN_MEMORY_MIB} MiB of memory.`)
    .max(MAX_MEMORY_MIB, 'At most 16 TiB of memory.'),
});
export type InstanceType = z.infer<typeof InstanceTypeSchema>;

const poolFields = {
  name: dnsLabel('pool'),
  labels: z.array(NodeLabelSchema).max(50, 'At most 50 labels per pool.'),
  taints: z.array(TaintSchema).max(50, 'At most 50 taints per pool.'),
  instanceType: InstanceTypeSchema,
  azs: z.array(z.string().min(1)).max(MAX_POOL_ZONES),
  /** MAAS machine tags a node must carry (Palette's pool `tags`), e.g. `gpu`. */
  machineTags: z
    .array(z.string().regex(/^[A-Za-z0-9_-]{1,63}$/, 'MAAS tags use letters, digits, "-" and "_".'))
    .max(MAX_MACHINE_TAGS)
    .optional(),
  resourcePool: z.string().min(1, 'Choose a resource pool.'),
  diskSizeGiB: z
    .number({ message: 'Give the disk size in GiB as a whole number.' })
    .int('Give the disk size in GiB as a whole number.')
    .min(MIN_DISK_GIB, `Disks need at least ${MIN_DISK_GIB} GiB.`)
    .max(MAX_DISK_GIB, `At most ${MAX_DISK_GIB} GiB.`),
};

export const ControlPlanePoolSchema = z.object({
  ...poolFields,
  size: z
    .number({ message: 'The control plane has 1, 3 or 5 nodes.' })
    .refine((size) => (CONTROL_PLANE_SIZES as readonly number[]).includes(size), {
      message: 'The control plane has 1, 3 or 5 nodes (an odd number keeps etcd in quorum).',
    }),
  allowWorkerCapability: z.boolean(),
});
export type ControlPlanePool = z.infer<typeof ControlPlanePoolSchema>;

export const WorkerPoolSchema = z.object({
  ...poolFields,
  size: z
    .number({ message: 'Give the size as a whole number.' })
    .int('Give the size as a whole number.')
    .min(1, 'A worker pool has at least 1 node.')
    .max(MAX_POOL_SIZE, `A worker pool has at most ${MAX_POOL_SIZE} nodes.`),
  rollingUpdate: z.enum(ROLLING_UPDATES, { message: 'Choose expand first or contract first.' }),
});
export type WorkerPool = z.infer<typeof WorkerPoolSchema>;

const cron = (what: string) =>
  z.string().regex(CRON, `${what}: use a five-field cron schedule such as "0 2 * * SUN".`);

export const ManagementSchema = z.object({
  osPatch: z
    .object({
      schedule: cron('OS patching schedule').optional(),
      patchOnBoot: z.boolean(),
      rebootIfRequired: z.boolean(),
    })
    .optional(),
  scans: z
    .object({
      configuration: cron('Configuration scan').optional(),
      penetration: cron('Penetration scan').optional(),
      conformance: cron('Conformance scan').optional(),
    })
    .optional(),
  backup: z
    .object({
      locationName: z.string().min(1, 'Name the backup location.'),
      prefix: z.string().regex(/^[a-z0-9-]{1,40}$/, 'Backup prefix: 1–40 lowercase letters, digits or "-".'),
      schedule: cron('Backup schedule'),
      expiryHours: z
        .number()
        .int('Backup expiry is a whole number of hours.')
        .min(1, 'Keep backups at least 1 hour.')
        .max(24 * 365 * 5, 'Keep backups at most 5 years.'),
      includeAllDisks: z.boolean(),
      includeClusterResources: z.boolean(),
      namespaces: z.array(labelValue).max(50),
    })
    .optional(),
});
export type Management = z.infer<typeof ManagementSchema>;

export const PackOverrideSchema = z.object({
  pack: z.string().min(1),
  path: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/,
      'Use a dotted path of keys, like "controller.replicaCount".',
    ),
  value: z.string(),
});
export type PackOverride = z.infer<typeof PackOverrideSchema>;

/** Cluster basics: the first step of Palette's console (and of the wizard). */
export const ClusterBasicsSchema = z.object({
  name: dnsLabel('cluster'),
  description: z
    .string()
    .max(MAX_DESCRIPTION_LENGTH, `Keep the description under ${MAX_DESCRIPTION_LENGTH} characters.`),
  tags: z.array(TagSchema).max(50, 'At most 50 tags.'),
  profileUid: z.string().min(1, 'Choose a cluster profile.'),
  profileName: z.string().optional(),
  cloudAccountUid: z.string().min(1, 'Choose a cloud account.'),
  cloudAccountName: z.string().optional(),
  domain: z.string().min(1, 'Choose a domain.'),
});
export type ClusterBasics = z.infer<typeof ClusterBasicsSchema>;

/** Everything needed to create a MAAS cluster in Palette: the seed's parameters, step by step. */
export const ClusterSpecSchema = ClusterBasicsSchema.extend({
  packOverrides: z.array(PackOverrideSchema).max(MAX_PACK_OVERRIDES),
  controlPlane: ControlPlanePoolSchema,
  workerPools: z
    .array(WorkerPoolSchema)
    .min(1, 'Add at least one worker pool.')
    .max(MAX_WORKER_POOLS, `At most ${MAX_WORKER_POOLS} worker pools.`),
  management: ManagementSchema.optional(),
}).superRefine((spec, ctx) => {
  for (const problem of crossPoolProblems(spec)) ctx.addIssue({ code: 'custom', ...problem });
});
export type ClusterSpec = z.infer<typeof ClusterSpecSchema>;

type AnyPool = { name: string; labels: NodeLabel[] };

/** Pool names must be unique, and a node label key may be used in one pool only. */
export function crossPoolProblems(spec: {
  controlPlane: AnyPool;
  workerPools: AnyPool[];
}): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const pools: { pool: AnyPool; path: (string | number)[] }[] = [
    { pool: spec.controlPlane, path: ['controlPlane'] },
    ...spec.workerPools.map((pool, index) => ({ pool, path: ['workerPools', index] })),
  ];
  const nameOwner = new Map<string, string>();
  const labelOwner = new Map<string, string>();
  for (const { pool, path } of pools) {
    const earlier = nameOwner.get(pool.name);
    if (earlier !== undefined)
      problems.push({
        path: [...path, 'name'],
        message: `Pool name "${pool.name}" is already used; pick another.`,
      });
    else nameOwner.set(pool.name, pool.name);
    for (const label of pool.labels) {
      const owner = labelOwner.get(label.key);
      if (owner !== undefined && owner !== pool.name)
        problems.push({
          path: [...path, 'labels'],
          message: `Label key "${label.key}" is already used in pool "${owner}"; a key belongs to one pool only.`,
        });
      else labelOwner.set(label.key, pool.name);
    }
  }
  return problems;
}

/** The result of parsing a text field: the value, or a message for people. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const lines = (text: string) =>
  text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);

/** Parses every item; a refusal names every bad item (one message each, in the order typed), not only the first. */
function collect<T>(text: string, parseOne: (item: string) => Parsed<T>): Parsed<T[]> {
  const values: T[] = [];
  const problems: string[] = [];
  for (const item of lines(text)) {
    const parsed = parseOne(item);
    if (parsed.ok) values.push(parsed.value);
    else problems.push(parsed.message);
  }
  return problems.length > 0 ? { ok: false, message: problems.join(' ') } : { ok: true, value: values };
}

const fromSchema = <T>(schema: z.ZodType<T>, candidate: unknown): Parsed<T> => {
  const result = schema.safeParse(candidate);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, message: result.error.issues[0]!.message };
};

/** Parses tags typed as `key:value` or bare `key`, separated by commas or new lines. */
export function parseTags(text: string): Parsed<Tag[]> {
  return collect(text, (item) => {
    const colon = item.indexOf(':');
    const candidate = colon < 0 ? { key: item } : { key: item.slice(0, colon), value: item.slice(colon + 1) };
    const parsed = fromSchema(TagSchema, candidate);
    return parsed.ok ? parsed : { ok: false, message: `Tag "${item}": ${parsed.message}` };
  });
}

/** Parses node labels typed as `key=value` (or `key:value`, as Palette's console writes them). */
export function parseNodeLabels(text: string): Parsed<NodeLabel[]> {
  return collect(text, (item) => {
    const match = /^([^=:]+)[=:](.*)$/.exec(item);
    if (!match) return { ok: false, message: `Label "${item}": write it as key=value.` };
    return fromSchema(NodeLabelSchema, { key: match[1]!.trim(), value: match[2]!.trim() });
  });
}

/** Parses taints typed as `key=value:Effect` (the value may be empty: `key:NoSchedule`). */
export function parseTaints(text: string): Parsed<Taint[]> {
  return collect(text, (item) => {
    const match = /^([^=:]+)(?:=([^:]*))?:(.+)$/.exec(item);
    if (!match)
      return {
        ok: false,
        message: `Taint "${item}": write it as key=value:Effect, e.g. dedicated=gpu:NoSchedule.`,
      };
    const parsed = fromSchema(TaintSchema, {
      key: match[1]!.trim(),
      value: (match[2] ?? '').trim(),
      effect: match[3]!.trim(),
    });
    return parsed.ok ? parsed : { ok: false, message: `Taint "${item}": ${parsed.message}` };
  });
}

/** Parses one pack's override lines, `dotted.path=value`, one a line. */
export function parsePackOverrides(pack: string, text: string): Parsed<PackOverride[]> {
  const overrides: PackOverride[] = [];
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return { ok: false, message: `"${line}": write each override as key.path=value.` };
    const parsed = fromSchema(PackOverrideSchema, {
      pack,
      path: line.slice(0, eq).trim(),
      value: line.slice(eq + 1).trim(),
    });
    if (!parsed.ok) return { ok: false, message: `"${line}": ${parsed.message}` };
    overrides.push(parsed.value);
  }
  return { ok: true, value: overrides };
}

/** Parses availability zones or namespaces typed as a comma- or line-separated list. */
export function parseList(text: string): string[] {
  return lines(text);
}

/** Formats tags back into the text a person typed (for pre-filling a form). */
export function formatTags(tags: Tag[]): string {
  return tags.map((tag) => (tag.value === undefined ? tag.key : `${tag.key}:${tag.value}`)).join(', ');
}

/** Formats node labels back into `key=value` lines. */
export function formatNodeLabels(labels: NodeLabel[]): string {
  return labels.map((label) => `${label.key}=${label.value}`).join('\n');
}

/** Formats taints back into `key=value:Effect` lines. */
export function formatTaints(taints: Taint[]): string {
  return taints
    .map((taint) => `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`)
    .join('\n');
}

/** Every node the spec asks for, control plane included. */
export function totalNodes(spec: Pick<ClusterSpec, 'controlPlane' | 'workerPools'>): number {
  return spec.controlPlane.size + spec.workerPools.reduce((sum, pool) => sum + pool.size, 0);
}
