import { describe, expect, it } from 'vitest';
import { sampleClusterBody } from './samples';
import { describeIssues, MaasClusterSchema, ResourceName } from './schemas';
import { seedCatalog } from './seed';

const catalog = seedCatalog();

describe('create body schema', () => {
  it('accepts the sample body and keeps unknown fields out of the way', () => {
    const body = { ...sampleClusterBody(catalog, 'fine'), extra: true };
    expect(MaasClusterSchema.safeParse(body).success).toBe(true);
  });

  it('needs one control-plane pool of 1, 3 or 5 nodes and unique pool names', () => {
    const body = sampleClusterBody(catalog, 'pools');
    body.spec.machinepoolconfig[0]!.poolConfig.size = 2;
    body.spec.machinepoolconfig[1]!.poolConfig.name = 'control-plane-pool';
    const result = MaasClusterSchema.safeParse(body);
    expect(result.success).toBe(false);
    const problems = result.success ? [] : describeIssues(result.error);
    expect(problems).toEqual([
      expect.stringContaining('must have 1, 3 or 5 nodes, not 2'),
      expect.stringContaining('control-plane-pool is used twice'),
    ]);
  });

  it('holds names to a DNS-1123 label', () => {
    expect(ResourceName.safeParse('team-a-01').success).toBe(true);
    for (const bad of ['Team', '-a', 'a-', 'a_b', 'a'.repeat(64), ''])
      expect(ResourceName.safeParse(bad).success).toBe(false);
  });
});
