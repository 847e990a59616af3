import { describe, expect, it } from 'vitest';
import { validSpec } from '../../test/support/fixtures';
import {
  ClusterSpecSchema,
  clusterNameProblem,
  formatNodeLabels,
  formatTags,
  formatTaints,
  parseNodeLabels,
  parsePackOverrides,
  parseTags,
  parseTaints,
  totalNodes,
} from './spec';

const messagesOf = (spec: unknown) => {
  const result = ClusterSpecSchema.safeParse(spec);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('cluster name (DNS-1123 label)', () => {
  it.each(['a', 'team-a-dev', 'x1', 'a'.repeat(63)])('accepts %s', (name) => {
    expect(clusterNameProblem(name)).toBeUndefined();
  });
  it.each([
    ['', 'Give the cluster a name'],
    ['Team-A', 'lowercase'],
    ['-team', 'starting and ending'],
    ['team-', 'starting and ending'],
    ['team_a', 'lowercase letters, digits and "-"'],
    ['a'.repeat(64), 'at most 63'],
  ])('refuses %j with a message for people', (name, fragment) => {
    expect(clusterNameProblem(name)).toContain(fragment);
  });
  it('names what it checks', () => {
    expect(clusterNameProblem('', 'pool')).toBe('Give the pool a name.');
  });
});

describe('ClusterSpecSchema', () => {
  it('accepts a complete spec', () => {
    expect(messagesOf(validSpec())).toEqual([]);
  });

  it('refuses a control plane of 2 nodes', () => {
    const spec = validSpec();
    spec.controlPlane.size = 2;
    expect(messagesOf(spec)).toEqual([
      expect.stringMatching(/^controlPlane\.size: The control plane has 1, 3 or 5/),
    ]);
  });

  it.each([1, 3, 5])('accepts a control plane of %i', (size) => {
    const spec = validSpec();
    spec.controlPlane.size = size;
    expect(messagesOf(spec)).toEqual([]);
  });

  it('refuses a worker pool of 0 and one over the bound', () => {
    const spec = validSpec();
    spec.workerPools[0]!.size = 0;
    expect(messagesOf(spec)).toEqual(['workerPools.0.size: A worker pool has at least 1 node.']);
    spec.workerPools[0]!.size = 201;
    expect(messagesOf(spec)[0]).toContain('at most 200');
  });

  it('needs at least one worker pool', () => {
    expect(messagesOf(validSpec({ workerPools: [] }))).toEqual([
      'workerPools: Add at least one worker pool.',
    ]);
  });

  it('refuses duplicate pool names, pointing at the second pool', () => {
    const spec = validSpec();
    spec.workerPools.push({ ...spec.workerPools[0]!, labels: [] });
    expect(messagesOf(spec)).toEqual([
      'workerPools.1.name: Pool name "worker-pool" is already used; pick another.',
    ]);
  });

  it('refuses a label key used in two pools', () => {
    const spec = validSpec();
    spec.controlPlane.labels = [{ key: 'role', value: 'cp' }];
    expect(messagesOf(spec)).toEqual([
      'workerPools.0.labels: Label key "role" is already used in pool "control-plane-pool"; a key belongs to one pool only.',
    ]);
  });

  it('refuses a bad taint effect', () => {
    const spec = validSpec();
    spec.workerPools[0]!.taints = [{ key: 'gpu', value: 'true', effect: 'Sometimes' as 'NoSchedule' }];
    expect(messagesOf(spec)[0]).toMatch(
      /^workerPools\.0\.taints\.0\.effect: The effect is one of NoSchedule/,
    );
  });

  it('refuses too little memory and a tiny disk', () => {
    const spec = validSpec();
    spec.controlPlane.instanceType.minMemInMB = 512;
    spec.controlPlane.diskSizeGiB = 5;
    expect(messagesOf(spec)).toEqual([
      'controlPlane.instanceType.minMemInMB: Machines need at least 1024 MiB of memory.',
      'controlPlane.diskSizeGiB: Disks need at least 20 GiB.',
    ]);
  });

  it('refuses a missing required field with a message naming it', () => {
    expect(messagesOf(validSpec({ profileUid: '' }))).toEqual(['profileUid: Choose a cluster profile.']);
    expect(messagesOf(validSpec({ domain: '' }))).toEqual(['domain: Choose a domain.']);
  });

  it('checks management schedules as cron', () => {
    expect(
      messagesOf(
        validSpec({
          management: { osPatch: { schedule: '0 2 * * SUN', patchOnBoot: true, rebootIfRequired: false } },
        }),
      ),
    ).toEqual([]);
    expect(messagesOf(validSpec({ management: { scans: { configuration: 'every night' } } }))[0]).toContain(
      'five-field cron',
    );
  });

  it('counts every node', () => {
    expect(totalNodes(validSpec())).toBe(5);
  });
});

describe('text fields', () => {
  it('parses tags key:value and bare key, and formats them back', () => {
    const parsed = parseTags('team:a, dev\ncost-center:42');
    expect(parsed).toEqual({
      ok: true,
      value: [{ key: 'team', value: 'a' }, { key: 'dev' }, { key: 'cost-center', value: '42' }],
    });
    if (parsed.ok) expect(formatTags(parsed.value)).toBe('team:a, dev, cost-center:42');
  });

  it('refuses a tag with a space or an over-long key', () => {
    expect(parseTags('my tag')).toEqual({
      ok: false,
      message: 'Tag "my tag": Tag keys use letters, digits, ".", "-" and "_" only.',
    });
    expect(parseTags(`${'k'.repeat(64)}:v`)).toMatchObject({
      ok: false,
      message: expect.stringContaining('63'),
    });
  });

  it('reports every bad tag, in the order typed, not only the first', () => {
    expect(parseTags('bad tag!!, team:a, :x')).toEqual({
      ok: false,
      message:
        'Tag "bad tag!!": Tag keys use letters, digits, ".", "-" and "_" only. Tag ":x": A tag needs a key.',
    });
  });

  it('parses node labels as key=value and key:value', () => {
    const parsed = parseNodeLabels('role=app\nexample.com/tier:gold');
    expect(parsed).toEqual({
      ok: true,
      value: [
        { key: 'role', value: 'app' },
        { key: 'example.com/tier', value: 'gold' },
      ],
    });
    if (parsed.ok) expect(formatNodeLabels(parsed.value)).toBe('role=app\nexample.com/tier=gold');
  });

  it('refuses a label without a value separator or with a bad key', () => {
    expect(parseNodeLabels('justakey')).toEqual({
      ok: false,
      message: 'Label "justakey": write it as key=value.',
    });
    expect(parseNodeLabels('-bad=x')).toMatchObject({
      ok: false,
      message: expect.stringContaining('"-bad"'),
    });
  });

  it('refuses label keys under the prefixes Kubernetes reserves, saying why', () => {
    for (const key of [
      'node-role.kubernetes.io/control-plane',
      'kubernetes.io/hostname',
      'k8s.io/anything',
      'node.k8s.io/x',
    ])
      expect(parseNodeLabels(`${key}=x`)).toEqual({
        ok: false,
        message: `"${key}": the kubernetes.io and k8s.io prefixes are reserved for Kubernetes itself; use a prefix of your own, such as example.com/role.`,
      });
    // A look-alike prefix of someone else's domain is fine.
    expect(parseNodeLabels('mykubernetes.io/role=x\nk8s.io.example.com/a=b').ok).toBe(true);
  });

  it('reports every bad label', () => {
    const parsed = parseNodeLabels('node-role.kubernetes.io/control-plane=x\nrole=app\n-bad=y');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message).toContain('"node-role.kubernetes.io/control-plane"');
      expect(parsed.message).toContain('"-bad"');
    }
  });

  it('parses taints key=value:Effect and key:Effect', () => {
    const parsed = parseTaints('dedicated=gpu:NoSchedule\nspot:PreferNoSchedule');
    expect(parsed).toEqual({
      ok: true,
      value: [
        { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
        { key: 'spot', value: '', effect: 'PreferNoSchedule' },
      ],
    });
    if (parsed.ok) expect(formatTaints(parsed.value)).toBe('dedicated=gpu:NoSchedule\nspot:PreferNoSchedule');
  });

  it('refuses a taint with a bad effect or no effect', () => {
    expect(parseTaints('dedicated=gpu:Never')).toMatchObject({
      ok: false,
      message: expect.stringContaining('NoSchedule, PreferNoSchedule, NoExecute'),
    });
    expect(parseTaints('dedicated=gpu')).toMatchObject({
      ok: false,
      message: expect.stringContaining('key=value:Effect'),
    });
  });

  it('parses pack overrides, skipping blanks and comments', () => {
    expect(parsePackOverrides('kubernetes', '# comment\n\ncontroller.replicaCount=3\nfoo.bar = a=b')).toEqual(
      {
        ok: true,
        value: [
          { pack: 'kubernetes', path: 'controller.replicaCount', value: '3' },
          { pack: 'kubernetes', path: 'foo.bar', value: 'a=b' },
        ],
      },
    );
  });

  it('refuses a pack override without = or with a bad path', () => {
    expect(parsePackOverrides('k', 'novalue')).toMatchObject({
      ok: false,
      message: expect.stringContaining('key.path=value'),
    });
    expect(parsePackOverrides('k', 'a..b=1')).toMatchObject({
      ok: false,
      message: expect.stringContaining('dotted path'),
    });
  });
});
