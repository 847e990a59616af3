import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import type { ClusterSpec } from '../../src/domain/spec';
import { reviewFindings } from '../../src/jobs/review-findings';
import { type MaasSimulator, startMaasSimulator } from '../../src/local/maas/simulator';
import { type PaletteSimulator, startPaletteSimulator } from '../../src/local/palette/simulator';
import { createMaasClient } from '../../src/maas/client';
import type { Maas } from '../../src/maas/port';
import { createPaletteClient } from '../../src/palette/client';
import { topLevelKeys } from '../../src/palette/values';
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

/** What reviewFindings reads: Palette, MAAS when given (and the configuration naming it), the clock. */
function deps(maasClient?: Maas) {
  const config = loadConfig({
    SLACK_SIGNING_SECRET: 'test-secret',
    SLACK_BOT_TOKEN: 'xoxb-test',
    PALETTE_API_KEY: palette.apiKey,
    APPROVAL_CHANNEL: 'C0APPROVALS',
    ...(maasClient ? { MAAS_API_URL: maas.apiUrl, MAAS_API_KEY: maas.apiKey } : {}),
  });
  return { config, now: () => new Date(), ...(maasClient ? { maas: maasClient } : {}) };
}

afterAll(async () => {
  await client.close();
  await Promise.all([palette.close(), maas.close()]);
});

describe('reviewFindings', () => {
  it("returns Palette's validation and estimate, and no capacity without MAAS", async () => {
    const findings = await reviewFindings(deps(), client, spec);
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
    const findings = await reviewFindings(deps(maasClient), client, spec);
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
    const findings = await reviewFindings(deps(), client, spec);
    expect(findings.validation).toEqual({ ok: false, messages: ['domain maas.nowhere is unknown'] });
    expect(findings.estimate).toBeUndefined();
  });

  it('says when Palette could not validate at all', async () => {
    palette.injectOnce('POST', '/v1/spectroclusters/maas/validate', {
      status: 403,
      body: { code: 'Forbidden', message: 'the key may not validate clusters' },
    });
    const findings = await reviewFindings(deps(), client, spec);
    expect(findings.validation).toEqual({
      ok: false,
      messages: ['Palette could not validate it: the key may not validate clusters'],
    });
    expect(findings.estimate?.total).toBeGreaterThan(0);
  });

  it('explains a pack override the profile cannot take', async () => {
    const findings = await reviewFindings(deps(), client, {
      ...spec,
      packOverrides: [{ pack: 'no-such-pack', path: 'a.b', value: '1' }],
    });
    expect(findings.validation.ok).toBe(false);
    expect(findings.validation.messages[0]).toMatch(/^The request could not be prepared: .*no-such-pack/);
  });

  it('says the account’s gateway is healthy, or warns that the request will stall behind an unhealthy one', async () => {
    const accounts = await client.listMaasAccounts();
    const healthy = await reviewFindings(deps(), client, spec);
    expect(healthy.gateway).toEqual({
      healthy: true,
      message: expect.stringMatching(/^The gateway \S+ of \S+ is healthy\.$/),
    });
    const stale = accounts.find((account) => account.uid !== spec.cloudAccountUid)!;
    const [domain] = await client.accountDomains(stale.uid);
    const behind = await reviewFindings(deps(), client, {
      ...spec,
      cloudAccountUid: stale.uid,
      domain: domain!,
    });
    expect(behind.gateway).toEqual({
      healthy: false,
      message: expect.stringMatching(
        /is not healthy \(.+, last heartbeat 5 h 17 min ago\): this request will stall until it is back\. See `\/maas gateway`\.$/,
      ),
    });
    // Palette's dry run accepts it all the same: the warning is what tells people.
    expect(behind.validation.ok).toBe(true);
  });

  it('lists overrides of keys the pack’s values.yaml does not have', async () => {
    const [pack] = await client.profilePacks(spec.profileUid);
    const [known] = topLevelKeys(pack!.values);
    const findings = await reviewFindings(deps(), client, {
      ...spec,
      packOverrides: [
        { pack: pack!.name, path: known!, value: '1' },
        { pack: pack!.name, path: 'nosuchkey', value: '1' },
      ],
    });
    expect(findings.unknownOverrides).toEqual([`${pack!.name}: nosuchkey`]);
  });
});
