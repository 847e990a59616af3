import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterSpec } from '../../src/domain/spec';
import { reviewFindings } from '../../src/jobs/review-findings';
import { type MaasSimulator, startMaasSimulator } from '../../src/local/maas/simulator';
import { type PaletteSimulator, startPaletteSimulator } from '../../src/local/palette/simulator';
import { createMaasClient } from '../../src/maas/client';
import { createPaletteClient } from '../../src/palette/client';
import { validSpec } from '../support/fixtures';

let palette: PaletteSimulator;
let maas: MaasSimulator;
let client: ReturnType<typeof createPaletteClient>;
let spec: ClusterSpec;

beforeAll(async () => {
  [palette, maas] = await Promise.all([startPaletteSimulator({ rateLimits: false }), startMaasSimulator({})]);
  client = createPaletteClient({ apiUrl: palette.url, apiKey: palette.apiKey });
  const [profile] = await client.listMaasProfiles();
  const [account] = await client.listMaasAccounts();
  const [domain] = await client.accountDomains(account!.uid);
  spec = validSpec({ profileUid: profile!.uid, cloudAccountUid: account!.uid, domain: domain! });
});

afterAll(async () => {
  await client.close();
  await Promise.all([palette.close(), maas.close()]);
});

describe('reviewFindings', () => {
  it("returns Palette's validation and estimate, and no capacity without MAAS", async () => {
    const findings = await reviewFindings({}, client, spec);
    expect(findings.validation).toEqual({ ok: true, messages: [] });
    expect(findings.estimate?.total).toBeGreaterThan(0);
    expect(findings.estimate?.perPool.map((pool) => pool.name)).toEqual([
      'control-plane-pool',
      'worker-pool',
    ]);
    expect(findings.capacity).toBeUndefined();
    expect(palette.counters().byOperation).toMatchObject({ validate: 1, rate: 1, profilePacks: 1 });
  });

  it('adds the MAAS capacity check when MAAS is configured', async () => {
    const maasClient = createMaasClient({ apiUrl: maas.apiUrl, apiKey: maas.apiKey });
    const findings = await reviewFindings({ maas: maasClient }, client, spec);
    await maasClient.close();
    expect(findings.capacity?.lines.length).toBeGreaterThan(0);
  });

  it("reports Palette's refusal as a line instead of failing", async () => {
    palette.injectOnce('POST', '/v1/spectroclusters/maas/validate', {
      status: 400,
      body: { code: 'InvalidRequest', message: 'domain maas.nowhere is unknown' },
    });
    palette.injectOnce('POST', '/v1/spectroclusters/maas/rate', {
      status: 403,
      body: { code: 'Forbidden', message: 'no' },
    });
    const findings = await reviewFindings({}, client, spec);
    expect(findings.validation).toEqual({ ok: false, messages: ['domain maas.nowhere is unknown'] });
    expect(findings.estimate).toBeUndefined();
  });

  it('says when Palette could not validate at all', async () => {
    palette.injectOnce('POST', '/v1/spectroclusters/maas/validate', {
      status: 403,
      body: { code: 'Forbidden', message: 'the key may not validate clusters' },
    });
    const findings = await reviewFindings({}, client, spec);
    expect(findings.validation).toEqual({
      ok: false,
      messages: ['Palette could not validate it: the key may not validate clusters'],
    });
    expect(findings.estimate?.total).toBeGreaterThan(0);
  });

  it('explains a pack override the profile cannot take', async () => {
    const findings = await reviewFindings({}, client, {
      ...spec,
      packOverrides: [{ pack: 'no-such-pack', path: 'a.b', value: '1' }],
    });
    expect(findings.validation.ok).toBe(false);
    expect(findings.validation.messages[0]).toMatch(/^The request could not be prepared: .*no-such-pack/);
  });
});
