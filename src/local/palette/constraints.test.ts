import { describe, expect, it } from 'vitest';
import { profileRefusal, resolveReferences, validateCluster } from './constraints';
import { sampleClusterBody } from './samples';
import { seedCatalog } from './seed';

const catalog = seedCatalog();
const [lab, dc1] = catalog.accounts;

function errorsOf(body: ReturnType<typeof sampleClusterBody>, account = lab!) {
  const references = resolveReferences(catalog, body);
  if ('status' in references) throw new Error(references.message);
  return validateCluster(account, references.profiles, body);
}

describe('maas/validate constraints', () => {
  it('passes a body MAAS can satisfy', () => {
    const result = errorsOf(sampleClusterBody(catalog, 'ok'));
    expect(result.machinePools.results.flatMap((pool) => pool.errors)).toEqual([]);
    expect(result.profiles.flatMap((profile) => profile.packs.results)).toEqual([]);
  });

  it('reports CPU, memory and machine-count shortfalls per pool', () => {
    const body = sampleClusterBody(catalog, 'big', { workers: 40 });
    body.spec.machinepoolconfig[0]!.cloudConfig.instanceType.minMemInMB = 10_000_000;
    const result = errorsOf(body);
    expect(result.machinePools.results[0]!.errors.map((error) => error.code)).toEqual(['InsufficientMemory']);
    expect(result.machinePools.results[1]!.errors).toEqual([
      { code: 'InsufficientMachines', message: expect.stringContaining('needs 40 machines') },
    ]);
    body.spec.cloudAccountUid = dc1!.uid;
    body.spec.cloudConfig.domain = 'maas.dc1';
    body.spec.machinepoolconfig[0]!.cloudConfig.instanceType.minMemInMB = 8192;
    expect(errorsOf(body, dc1!).machinePools.results.flatMap((pool) => pool.errors)).toEqual([
      expect.objectContaining({ code: 'InsufficientMachines' }),
    ]);
  });

  it('reports unknown zones, resource pools and tags', () => {
    const body = sampleClusterBody(catalog, 'lost');
    body.spec.machinepoolconfig[1]!.cloudConfig = {
      ...body.spec.machinepoolconfig[1]!.cloudConfig,
      azs: ['az9'],
      resourcePool: 'nowhere',
      tags: ['quantum'],
    };
    const codes = errorsOf(body).machinePools.results[1]!.errors.map((error) => error.code);
    expect(codes).toEqual(['ResourcePoolNotFound', 'ZoneNotFound', 'TagNotFound']);
  });

  it('reports packs outside the profile, invalid YAML and unknown variables', () => {
    const body = sampleClusterBody(catalog, 'packs');
    body.spec.profiles[0] = {
      uid: body.spec.profiles[0]!.uid,
      packValues: [
        { name: 'kubernetes', values: 'pack: [unclosed' },
        { name: 'not-a-pack', values: 'a: 1' },
      ],
      variables: [
        { name: 'nope', value: 'x' },
        { name: 'metallb_addresses', value: 'not-a-range' },
      ],
    };
    const codes = errorsOf(body).profiles[0]!.packs.results.flatMap((result) =>
      result.errors.map((error) => error.code),
    );
    expect(codes).toEqual(['InvalidPackValues', 'PackNotFound', 'InvalidVariable', 'InvalidVariable']);
  });
});

describe('references', () => {
  it('refuses an unknown account (404), a foreign domain (400) and a profile for another environment', () => {
    const body = sampleClusterBody(catalog, 'refs');
    expect(
      resolveReferences(catalog, { ...body, spec: { ...body.spec, cloudAccountUid: 'x' } }),
    ).toMatchObject({ status: 404 });
    const foreignDomain = { ...body, spec: { ...body.spec, cloudConfig: { domain: 'maas.dc1' } } };
    expect(resolveReferences(catalog, foreignDomain)).toMatchObject({ status: 400, code: 'InvalidDomain' });
    const vsphere = catalog.profiles.find((profile) => profile.cloudType === 'vsphere')!;
    expect(profileRefusal(body, [vsphere])).toMatchObject({ status: 400, code: 'InvalidClusterProfile' });
    expect(profileRefusal(body, [undefined])).toMatchObject({ status: 404 });
  });
});
