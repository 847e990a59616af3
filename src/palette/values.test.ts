import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { mergePackValues, PackValuesError } from './values';

const VALUES = `# MetalLB configuration
pack:
  namespace: metallb-system # where it runs
  spectrocloud.com/install-priority: "0"

manifests:
  metallb:
    # The address pools MetalLB hands out
    addresses:
      - 192.168.10.0/24
    avoidBuggyIPs: false
    replicas: 1
`;

describe('mergePackValues', () => {
  it('returns the text unchanged when there is nothing to merge', () => {
    expect(mergePackValues(VALUES, [])).toBe(VALUES);
  });

  it('sets an existing value and keeps every comment and the key order', () => {
    const merged = mergePackValues(VALUES, [{ path: 'pack.namespace', value: 'lb' }]);
    expect(parse(merged).pack.namespace).toBe('lb');
    for (const comment of [
      '# MetalLB configuration',
      '# where it runs',
      '# The address pools MetalLB hands out',
    ])
      expect(merged).toContain(comment);
    const order = [
      'pack:',
      'namespace:',
      'manifests:',
      'metallb:',
      'addresses:',
      'avoidBuggyIPs:',
      'replicas:',
    ];
    const positions = order.map((key) => merged.indexOf(key));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('types values as YAML scalars: numbers, booleans, null, and quoted text stays text', () => {
    const merged = parse(
      mergePackValues(VALUES, [
        { path: 'manifests.metallb.replicas', value: '3' },
        { path: 'manifests.metallb.avoidBuggyIPs', value: 'true' },
        { path: 'manifests.metallb.quoted', value: '"3"' },
        { path: 'manifests.metallb.ratio', value: '0.5' },
        { path: 'manifests.metallb.nothing', value: 'null' },
        { path: 'manifests.metallb.word', value: 'hello world' },
      ]),
    );
    expect(merged.manifests.metallb).toMatchObject({
      replicas: 3,
      avoidBuggyIPs: true,
      quoted: '3',
      ratio: 0.5,
      nothing: null,
      word: 'hello world',
    });
  });

  it('keeps the quote style of a quoted value in the text', () => {
    const merged = mergePackValues(VALUES, [{ path: 'pack.version', value: "'1.10'" }]);
    expect(merged).toContain("version: '1.10'");
    expect(parse(merged).pack.version).toBe('1.10');
  });

  it('reads an empty value as an empty string and block-map-looking text as text', () => {
    const merged = parse(
      mergePackValues(VALUES, [
        { path: 'pack.empty', value: '' },
        { path: 'pack.colon', value: 'a: b' },
      ]),
    );
    expect(merged.pack.empty).toBe('');
    expect(merged.pack.colon).toBe('a: b');
  });

  it('takes flow lists and maps as YAML', () => {
    const merged = parse(
      mergePackValues(VALUES, [
        { path: 'manifests.metallb.addresses', value: '[10.0.0.0/24, 10.0.1.0/24]' },
        { path: 'manifests.metallb.nodeSelector', value: '{role: lb}' },
      ]),
    );
    expect(merged.manifests.metallb.addresses).toEqual(['10.0.0.0/24', '10.0.1.0/24']);
    expect(merged.manifests.metallb.nodeSelector).toEqual({ role: 'lb' });
  });

  it('creates missing maps along the path, and under a key left empty', () => {
    const merged = parse(
      mergePackValues(`${VALUES}extra:\n`, [
        { path: 'controller.resources.limits.cpu', value: '500m' },
        { path: 'extra.enabled', value: 'true' },
      ]),
    );
    expect(merged.controller).toEqual({ resources: { limits: { cpu: '500m' } } });
    expect(merged.extra).toEqual({ enabled: true });
  });

  it('works on an empty values.yaml', () => {
    expect(parse(mergePackValues('', [{ path: 'a.b', value: '1' }]))).toEqual({ a: { b: 1 } });
  });

  it('keeps a comment sitting on the replaced value', () => {
    const merged = mergePackValues(VALUES, [{ path: 'pack.namespace', value: 'lb' }]);
    expect(merged).toMatch(/namespace: lb # where it runs/);
  });

  it('refuses a path through a single value, naming it', () => {
    expect(() => mergePackValues(VALUES, [{ path: 'pack.namespace.inner', value: '1' }])).toThrowError(
      new PackValuesError(
        '"pack.namespace.inner": "pack.namespace" is a single value, not a map of keys, so "inner" cannot go under it.',
      ),
    );
  });

  it('refuses a path through a list', () => {
    expect(() =>
      mergePackValues(VALUES, [{ path: 'manifests.metallb.addresses.first', value: 'x' }]),
    ).toThrow(/"manifests\.metallb\.addresses" is a list/);
  });

  it('refuses an empty key and unreadable YAML', () => {
    expect(() => mergePackValues(VALUES, [{ path: 'pack..x', value: '1' }])).toThrow(PackValuesError);
    expect(() => mergePackValues('a: [1, 2\nb: c', [{ path: 'a', value: '1' }])).toThrow(/cannot be read/);
  });
});

describe('mergePackValues formatting', () => {
  it('keeps lists unindented when the file writes them so', () => {
    const source = 'images:\n- a:1\n- b:2\nname: x\n';
    expect(mergePackValues(source, [{ path: 'name', value: 'y' }])).toBe('images:\n- a:1\n- b:2\nname: y\n');
  });

  it('keeps lists indented when the file writes them so', () => {
    const source = 'images:\n  - a:1\n  - b:2\nname: x\n';
    expect(mergePackValues(source, [{ path: 'name', value: 'y' }])).toBe(
      'images:\n  - a:1\n  - b:2\nname: y\n',
    );
  });

  it('does not fold a long line', () => {
    const long = `cmd: ${'x'.repeat(150)} ${'y'.repeat(50)}\n`;
    expect(mergePackValues(long, [{ path: 'n', value: '1' }])).toBe(`${long}n: 1\n`);
  });
});
