import { afterEach, describe, expect, it } from 'vitest';
import {
  BASE64_KUBECONFIG_LABEL,
  type PaletteSimulator,
  REPAVE_LABEL,
  startPaletteSimulator,
} from '../../src/local/palette/simulator';
import { decodeKubeconfig } from '../../src/palette/after-running';
import { createPaletteClient } from '../../src/palette/client';

const started: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.close()));
});

/** A simulator (Palette's documented limits enforced) with Running clusters, and a client of it. */
async function running(labels: Record<string, string>[] = [{}]) {
  const sim: PaletteSimulator = await startPaletteSimulator({ rateLimits: true });
  started.push(sim);
  const palette = createPaletteClient({ apiUrl: sim.url, apiKey: sim.apiKey });
  started.push(palette);
  const clusters = labels.flatMap((clusterLabels, index) =>
    sim.seedClusters(1, { namePrefix: `care${index}`, labels: clusterLabels }),
  );
  return { sim, palette, clusters };
}

describe('Palette after Running (client against the simulator)', () => {
  it('reads the users’ kubeconfig with OIDC settings, plain or base64, never the admin one', async () => {
    const { sim, palette, clusters } = await running([{}, { [BASE64_KUBECONFIG_LABEL]: '' }]);
    const [plain, encoded] = clusters;
    const yaml = await palette.userKubeconfig(plain!.uid);
    expect(yaml).toMatch(/^apiVersion: v1\nkind: Config\n/);
    expect(yaml).toContain('--oidc-issuer-url=');
    expect(yaml).toContain(`https://${plain!.uid}.proxy.spectrocloud.example:443`);
    expect(yaml).not.toContain('client-key-data');
    const decoded = await palette.userKubeconfig(encoded!.uid);
    expect(decoded).toMatch(/^apiVersion: v1\nkind: Config\n/);
    expect(decoded).toContain(encoded!.name);
    expect(sim.counters().byOperation).toMatchObject({ kubeconfigUser: 2 });
    expect(sim.counters().byOperation.kubeconfigAdmin).toBeUndefined();
  });

  it('serves the admin kubeconfig as a download with the right content type', async () => {
    const { sim, clusters } = await running();
    const response = await fetch(`${sim.url}/v1/spectroclusters/${clusters[0]!.uid}/assets/adminKubeconfig`, {
      headers: { ApiKey: sim.apiKey },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-disposition')).toContain('.kubeconfig');
    expect(await response.text()).toContain('client-key-data');
  });

  it('decodes only base64 that holds a kubeconfig', () => {
    const yaml = 'apiVersion: v1\nkind: Config\n';
    expect(decodeKubeconfig(Buffer.from(yaml).toString('base64'))).toBe(yaml);
    expect(decodeKubeconfig(yaml)).toBe(yaml);
    expect(decodeKubeconfig('aGVsbG8=')).toBe('aGVsbG8=');
  });

  it('holds a repave (label or control), lists it, approves it once, and reverts another', async () => {
    const { sim, palette, clusters } = await running([{ [REPAVE_LABEL]: '' }, {}, {}]);
    const [labelled, controlled, plain] = clusters;
    sim.holdRepave(controlled!.uid);
    const pending = await palette.repaves('Pending');
    expect(pending.items.map((row) => row.uid).sort()).toEqual([labelled!.uid, controlled!.uid].sort());
    const status = await palette.repaveStatus(labelled!.uid);
    expect(status?.state).toBe('Pending');
    expect(status?.reasons[0]).toMatchObject({ code: 'PackValuesChanged', pack: 'kubernetes' });
    expect(status?.reasons[0]?.changedKeys.length).toBeGreaterThan(0);
    expect((await palette.searchClusters()).items.find((row) => row.uid === labelled!.uid)?.repaveState).toBe(
      'Pending',
    );
    await palette.approveRepave(labelled!.uid);
    expect((await palette.repaveStatus(labelled!.uid))?.state).toBe('Approved');
    sim.revertRepave(controlled!.uid);
    expect((await palette.repaves('Pending')).items).toEqual([]);
    expect((await palette.repaves('Reverted')).items.map((row) => row.uid)).toEqual([controlled!.uid]);
    await expect(palette.approveRepave(plain!.uid)).rejects.toMatchObject({ status: 409 });
    expect((await palette.repaveStatus(plain!.uid))?.state).toBeUndefined();
  });

  it('reports health problems and offered updates in the overview and the search', async () => {
    const { sim, palette, clusters } = await running();
    const uid = clusters[0]!.uid;
    expect((await palette.clusterOverview(uid))?.health).toBe('Healthy');
    sim.setHealth(uid, [{ type: 'NodeNotReady', message: 'worker-1 is NotReady' }]);
    sim.offerUpdate(uid, 'Kubernetes 1.31.2 is available');
    const overview = await palette.clusterOverview(uid);
    expect(overview).toMatchObject({
      health: 'UnHealthy',
      healthProblems: [{ type: 'NodeNotReady', message: 'worker-1 is NotReady' }],
      updatesAvailable: true,
    });
    expect((await palette.searchClusters()).items[0]).toMatchObject({
      health: 'UnHealthy',
      updatesAvailable: true,
    });
    expect(await palette.updateNotices(uid)).toEqual([
      expect.objectContaining({ message: 'Kubernetes 1.31.2 is available' }),
    ]);
    sim.setHealth(uid);
    expect((await palette.clusterOverview(uid))?.health).toBe('Healthy');
  });

  it('keeps kubeconfig downloads under the 10 rps of /v1/spectroclusters/{uid}/assets', async () => {
    const { sim, palette, clusters } = await running([{}, {}, {}]);
    await Promise.all(
      Array.from({ length: 24 }, (_, index) => palette.userKubeconfig(clusters[index % 3]!.uid)),
    );
    const counters = sim.counters();
    expect(counters.tooManyRequests.enforced).toBe(0);
    expect(counters.byOperation.kubeconfigUser).toBe(24);
  });
});
