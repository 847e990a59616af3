import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterSpec } from '../../src/domain/spec';
import { loadSpecValidators, paletteSpecMissingReason } from '../../src/local/palette/openapi';
import {
  type PaletteSimulator,
  STICKY_DELETE_LABEL,
  startPaletteSimulator,
} from '../../src/local/palette/simulator';
import { buildCreateBody, buildMachinePoolEntity } from '../../src/palette/build';
import { createPaletteClient, type PaletteClientOptions } from '../../src/palette/client';
import { PaletteError } from '../../src/palette/errors';
import type { Palette, ProfilePack } from '../../src/palette/port';
import { validSpec } from '../support/fixtures';
import { until } from '../support/wait';

type Client = Palette & { close(): Promise<void> };

/** Fast retries, so tests that exercise them stay quick. */
const QUICK_RETRY = { minDelayMs: 2, maxDelayMs: 20 };
/** The simulator's lifecycle runs this many times faster than the playground: a cluster runs within ms. */
const SPEED = 5000;

/** Reads until `done` holds for what was read (no deadline of its own: see test/support/wait.ts); returns it. */
async function eventually<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const { value } = await until(what, async () => {
    const latest = await read();
    return done(latest) ? { value: latest } : undefined;
  });
  return value;
}

/** The rejection of `promise`, which must reject with a PaletteError. */
async function paletteFailure(promise: Promise<unknown>): Promise<PaletteError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(PaletteError);
  return error as PaletteError;
}

/** Asserts that nothing a caller may log or show carries the secret. */
function expectNoSecret(error: unknown, secret: string): void {
  const texts = [
    (error as Error).message,
    String(error),
    JSON.stringify(error),
    (error as Error).stack ?? '',
  ];
  for (const text of texts) expect(text).not.toContain(secret);
}

function clientFor(sim: PaletteSimulator, options: Partial<PaletteClientOptions> = {}): Client {
  return createPaletteClient({
    apiUrl: sim.url,
    apiKey: sim.apiKey,
    ...(sim.projectUid ? { projectUid: sim.projectUid } : {}),
    retry: QUICK_RETRY,
    ...options,
  });
}

const specMissing = paletteSpecMissingReason();
if (specMissing) console.log(specMissing);

describe('Palette client against the simulator', () => {
  let sim: PaletteSimulator;
  let palette: Client;
  let packs: ProfilePack[];
  let spec: ClusterSpec;

  beforeAll(async () => {
    sim = await startPaletteSimulator({ speed: SPEED, projectUid: 'project-sim-1' });
    palette = clientFor(sim);
    const [profile] = await palette.listMaasProfiles();
    const [account] = await palette.listMaasAccounts();
    packs = await palette.profilePacks(profile!.uid);
    const [domain] = await palette.accountDomains(account!.uid);
    spec = validSpec({
      profileUid: profile!.uid,
      cloudAccountUid: account!.uid,
      domain: domain!,
      packOverrides: [{ pack: packs[0]!.name, path: 'maasChatops.smoke.replicas', value: '3' }],
    });
  });

  afterAll(async () => {
    await palette?.close();
    await sim?.close();
  });

  /** Creates a cluster of the test spec under a new name and waits until it runs. */
  async function runningCluster(name: string, extraTags: ClusterSpec['tags'] = []) {
    const body = buildCreateBody({ ...spec, name, tags: [...spec.tags, ...extraTags] }, packs);
    const { uid } = await palette.createCluster(body);
    const info = await eventually(
      `${name} running`,
      () => palette.getCluster(uid),
      (cluster) => cluster?.state === 'Running',
    );
    expect(info?.state).toBe('Running');
    return info!;
  }

  it('lists MAAS profiles (every page), their packs with values.yaml, and their variables', async () => {
    const profiles = await palette.listMaasProfiles();
    expect(profiles.length).toBeGreaterThan(1);
    expect(new Set(profiles.map((profile) => profile.uid)).size).toBe(profiles.length);
    for (const profile of profiles) expect(profile.name).toMatch(/\S/);
    expect(packs.length).toBeGreaterThan(2);
    expect(packs.every((pack) => pack.name && typeof pack.values === 'string')).toBe(true);
    expect(packs.some((pack) => pack.values.includes('#'))).toBe(true);
    const variables = await palette.profileVariables(profiles[0]!.uid);
    for (const variable of variables) expect(typeof variable.required).toBe('boolean');
  });

  it("lists MAAS accounts with their gateway and each account's placement properties", async () => {
    const accounts = await palette.listMaasAccounts();
    expect(accounts.length).toBeGreaterThanOrEqual(2);
    expect(accounts.every((account) => account.overlordUid)).toBe(true);
    const uid = accounts[0]!.uid;
    expect(await palette.accountZones(uid)).toEqual(expect.arrayContaining(['az1', 'az2', 'az3']));
    expect(await palette.accountResourcePools(uid)).toContain('default');
    expect((await palette.accountDomains(uid)).length).toBeGreaterThan(0);
    expect((await palette.accountSubnets(uid)).length).toBeGreaterThan(0);
    expect((await palette.accountMachineTags(uid)).length).toBeGreaterThan(0);
  });

  it('validates a good body, reports constraint problems of a bad one, and estimates its cost', async () => {
    const body = buildCreateBody({ ...spec, name: 'validate-me' }, packs);
    expect(await palette.validateCluster(body)).toEqual({ ok: true, messages: [] });
    const greedy = buildCreateBody(
      {
        ...spec,
        name: 'validate-me',
        workerPools: [{ ...spec.workerPools[0]!, instanceType: { minCPU: 1024, minMemInMB: 16384 } }],
      },
      packs,
    );
    const verdict = await palette.validateCluster(greedy);
    expect(verdict.ok).toBe(false);
    expect(verdict.messages.join('\n')).toMatch(/\S/);
    const cost = await palette.estimateCost(body);
    expect(cost.total).toBeGreaterThan(0);
    expect(cost.pools.map((pool) => pool.name)).toEqual(['control-plane-pool', 'worker-pool']);
    expect(cost.pools.reduce((sum, pool) => sum + pool.total, 0)).toBeCloseTo(cost.total, 2);
  });

  it('creates a cluster, then sees its name taken, its state, overview, events and search row', async () => {
    expect(await palette.nameProblem('lifecycle-a')).toBeUndefined();
    const info = await runningCluster('lifecycle-a');
    expect(info.labels).toMatchObject({ team: 'a', dev: 'spectro__tag' });
    expect(info.cloudConfigUid).toBeTruthy();
    expect(await palette.nameProblem('lifecycle-a')).toMatch(/lifecycle-a/);

    const overview = await palette.clusterOverview(info.uid);
    expect(overview).toMatchObject({
      uid: info.uid,
      name: 'lifecycle-a',
      state: 'Running',
      health: 'Healthy',
    });
    expect(overview!.pools).toEqual([
      { isControlPlane: true, desired: 3, ready: 3 },
      { isControlPlane: false, desired: 2, ready: 2 },
    ]);

    const events = await palette.clusterEvents(info.uid, 5);
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThanOrEqual(5);
    const times = events.map((event) => Date.parse(event.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const found = await palette.findClusterByName('lifecycle-a');
    expect(found).toMatchObject({ uid: info.uid, name: 'lifecycle-a', state: 'Running', cloudType: 'maas' });
    expect(await palette.findClusterByName('lifecycle')).toBeUndefined();
    const page = await palette.searchClusters({ name: 'lifecycle-a' });
    expect(page.items.map((row) => row.uid)).toEqual([info.uid]);
  });

  it('answers undefined for a cluster Palette does not know', async () => {
    expect(await palette.getCluster('000000000000000000000000')).toBeUndefined();
    expect(await palette.clusterOverview('000000000000000000000000')).toBeUndefined();
  });

  it('pages the cluster search with continue, 50 at most a page', async () => {
    sim.seedClusters(55);
    const first = await palette.searchClusters({ limit: 500 });
    expect(first.items.length).toBe(50);
    expect(first.continue).toBeTruthy();
    const second = await palette.searchClusters({ continue: first.continue! });
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((row) => row.uid)).size).toBe(all.length);
    expect(all.length).toBeGreaterThanOrEqual(55);
    expect(all.every((row) => row.cloudType === 'maas')).toBe(true);
    const small = await palette.searchClusters({ limit: 2 });
    expect(small.items.length).toBe(2);
  });

  it('reads the cloud config, resizes a pool by PUTting it back whole, and lists its machines', async () => {
    const info = await runningCluster('scale-me');
    const config = await palette.getCloudConfig(info.cloudConfigUid!);
    expect(config.pools.map((pool) => [pool.name, pool.size, pool.isControlPlane])).toEqual([
      ['control-plane-pool', 3, true],
      ['worker-pool', 2, false],
    ]);
    const workers = config.pools[1]!;
    sim.resetCounters();
    await palette.updateMachinePool(config.uid, {
      ...workers.entity,
      poolConfig: { ...workers.entity.poolConfig, size: 3 },
    });
    expect(sim.counters().byOperation.machinePoolUpdate).toBe(1);
    expect((await palette.getCloudConfig(config.uid)).pools[1]!.size).toBe(3);

    // The builder's pool (as the scale job sends it) is accepted the same way.
    await palette.updateMachinePool(
      config.uid,
      buildMachinePoolEntity({ ...spec.workerPools[0]!, size: 4 }, 'worker'),
    );
    const resized = await palette.getCloudConfig(config.uid);
    expect(resized.pools[1]!.size).toBe(4);
    expect(resized.pools[1]!.entity.poolConfig.additionalLabels).toEqual({ role: 'app' });

    const machines = await eventually(
      'four machines in worker-pool',
      () => palette.poolMachines(config.uid, 'worker-pool'),
      (list) => list.length === 4,
    );
    expect(machines).toHaveLength(4);
    expect(machines.every((machine) => machine.pool === 'worker-pool' && machine.uid && machine.name)).toBe(
      true,
    );
  });

  it('deletes a cluster until Palette forgets it', async () => {
    const info = await runningCluster('delete-me');
    await palette.deleteCluster(info.uid, { force: false });
    const after = await eventually(
      'delete-me deleted',
      () => palette.getCluster(info.uid),
      (cluster) => cluster === undefined || cluster.state === 'Deleted',
    );
    expect(after === undefined || after.state === 'Deleted').toBe(true);
    expect(await palette.findClusterByName('delete-me')).toBeUndefined();
  });

  it('force-deletes only after a normal delete has started', async () => {
    const info = await runningCluster('stuck-delete', [{ key: STICKY_DELETE_LABEL }]);
    const refused = await paletteFailure(palette.deleteCluster(info.uid, { force: true }));
    expect([400, 409]).toContain(refused.status);
    expect(refused.message).toMatch(/delete it first/);

    await palette.deleteCluster(info.uid, { force: false });
    expect((await palette.getCluster(info.uid))?.state).toBe('Deleting');
    await palette.deleteCluster(info.uid, { force: true });
    const gone = await eventually(
      'stuck-delete deleted',
      () => palette.getCluster(info.uid),
      (cluster) => cluster === undefined || cluster.state === 'Deleted',
    );
    expect(gone === undefined || gone.state === 'Deleted').toBe(true);
  });

  it('lists the gateways with health and node count, and gets a MAAS pairing code', async () => {
    const gateways = await palette.listGateways();
    expect(gateways).toHaveLength(2);
    const healthy = gateways.find((gateway) => gateway.state === 'Running');
    const single = gateways.find((gateway) => gateway.state !== 'Running');
    expect(healthy).toMatchObject({ nodeCount: 3, cloudType: 'maas' });
    expect(single).toMatchObject({ nodeCount: 1 });
    expect(Date.parse(single!.lastHeartbeat!)).toBeLessThan(Date.parse(healthy!.lastHeartbeat!));
    expect(await palette.pairingCode()).toMatch(/^\S+$/);
  });

  it('sends the ProjectUid header: a client of another project is refused', async () => {
    const stranger = clientFor(sim, { projectUid: 'another-project' });
    const error = await paletteFailure(stranger.listMaasAccounts());
    expect(error.status).toBe(403);
    await stranger.close();
  });

  it.skipIf(specMissing)('sent only bodies that conform to the spec (the simulator validated each)', () => {
    expect(sim.counters().rejectedBodies).toEqual([]);
    const check = loadSpecValidators()!('v1SpectroMaasClusterEntity');
    expect(check(buildCreateBody(spec, packs))).toEqual([]);
  });
});

describe('Palette client retries', () => {
  let sim: PaletteSimulator;
  let palette: Client;
  let clusterUid: string;
  const MAX_RETRIES = 6;

  beforeAll(async () => {
    sim = await startPaletteSimulator({ speed: SPEED });
    palette = clientFor(sim, { retry: { ...QUICK_RETRY, maxRetries: MAX_RETRIES } });
    clusterUid = sim.seedClusters(1)[0]!.uid;
  });

  afterAll(async () => {
    await palette?.close();
    await sim?.close();
  });

  it('rides out injected 429s and 503s: every call succeeds, each fault costs one more request', async () => {
    sim.setFaults({ rate429: 0.25, rate503: 0.15, seed: 42 });
    sim.resetCounters();
    for (let call = 0; call < 20; call += 1)
      expect((await palette.getCluster(clusterUid))?.uid).toBe(clusterUid);
    sim.setFaults({});
    const counters = sim.counters();
    const injected = counters.tooManyRequests.injected + counters.serviceUnavailable.injected;
    expect(counters.tooManyRequests.injected).toBeGreaterThan(0);
    expect(counters.serviceUnavailable.injected).toBeGreaterThan(0);
    expect(counters.byOperation.get).toBe(20);
    expect(counters.byPrefix['/v1/spectroclusters']).toBe(20 + injected);
  });

  it('gives up after its retries with the last answer, as a PaletteError', async () => {
    sim.setFaults({ rate429: 1 });
    sim.resetCounters();
    const error = await paletteFailure(palette.getCluster(clusterUid));
    sim.setFaults({});
    expect(error).toMatchObject({ status: 429, code: 'TooManyRequests', method: 'GET' });
    expect(sim.counters().byPrefix['/v1/spectroclusters']).toBe(MAX_RETRIES + 1);
  });

  it('retries a read after 502 but never after a plain 500', async () => {
    sim.resetCounters();
    sim.injectOnce('GET', '/v1/spectroclusters/:uid', { status: 502 });
    expect((await palette.getCluster(clusterUid))?.uid).toBe(clusterUid);
    expect(sim.counters().byPrefix['/v1/spectroclusters']).toBe(2);

    sim.resetCounters();
    sim.injectOnce('GET', '/v1/spectroclusters/:uid', { status: 500 });
    const error = await paletteFailure(palette.getCluster(clusterUid));
    expect(error.status).toBe(500);
    expect(sim.counters().byPrefix['/v1/spectroclusters']).toBe(1);
  });

  it('retries a create refused with 429 or 503, and creates it once', async () => {
    const body = buildCreateBody(validSpec({ name: 'retried-create', ...(await placement(palette)) }), []);
    sim.resetCounters();
    sim.injectOnce('POST', '/v1/spectroclusters/maas', { status: 429 });
    sim.injectOnce('POST', '/v1/spectroclusters/maas', { status: 503 });
    const { uid } = await palette.createCluster(body);
    const counters = sim.counters();
    expect(counters.byPrefix['/v1/spectroclusters']).toBe(3);
    expect(counters.byOperation.create).toBe(1);
    expect(
      sim
        .clusters()
        .filter((cluster) => cluster.name === 'retried-create')
        .map((c) => c.uid),
    ).toEqual([uid]);
  });

  it('does not repeat a create after 502 or 504, where Palette may have acted', async () => {
    const body = buildCreateBody(validSpec({ name: 'unsure-create', ...(await placement(palette)) }), []);
    for (const status of [502, 504]) {
      sim.resetCounters();
      sim.injectOnce('POST', '/v1/spectroclusters/maas', { status });
      const error = await paletteFailure(palette.createCluster(body));
      expect(error.status).toBe(status);
      expect(sim.counters().byPrefix['/v1/spectroclusters']).toBe(1);
    }
    expect(sim.clusters().some((cluster) => cluster.name === 'unsure-create')).toBe(false);
  });
});

/** A real profile, account and domain of the simulator, for a spec. */
async function placement(palette: Palette) {
  const [profile] = await palette.listMaasProfiles();
  const [account] = await palette.listMaasAccounts();
  const [domain] = await palette.accountDomains(account!.uid);
  return { profileUid: profile!.uid, cloudAccountUid: account!.uid, domain: domain! };
}

describe('Palette client pacing', () => {
  const BURST = 25;

  it("keeps a burst under Palette's limit by the simulator's own per-second counters", async () => {
    const sim = await startPaletteSimulator({ speed: SPEED, rateLimits: true });
    const palette = clientFor(sim, { retry: { ...QUICK_RETRY, maxRetries: 0 } });
    try {
      const [uid] = sim.seedClusters(1).map((cluster) => cluster.uid);
      sim.resetCounters();
      const overviews = await Promise.all(Array.from({ length: BURST }, () => palette.clusterOverview(uid!)));
      expect(overviews.every((overview) => overview?.uid === uid)).toBe(true);
      const counters = sim.counters();
      expect(counters.byPrefix['/v1/dashboard']).toBe(BURST);
      expect(counters.tooManyRequests.enforced).toBe(0);
      expect(counters.peakRps['/v1/dashboard']).toBeLessThanOrEqual(10);
      expect(counters.peakRps['/v1/dashboard']).toBeGreaterThan(1);
    } finally {
      await palette.close();
      await sim.close();
    }
  });

  it('control: the same burst unpaced trips the limit', async () => {
    const sim = await startPaletteSimulator({ speed: SPEED, rateLimits: true });
    const unpaced = clientFor(sim, { limits: { '/v1/dashboard': 10_000 }, retry: { maxRetries: 0 } });
    try {
      const [uid] = sim.seedClusters(1).map((cluster) => cluster.uid);
      sim.resetCounters();
      const results = await Promise.allSettled(
        Array.from({ length: BURST }, () => unpaced.clusterOverview(uid!)),
      );
      const refused = results.filter((result) => result.status === 'rejected');
      expect(refused.length).toBeGreaterThan(0);
      expect(sim.counters().tooManyRequests.enforced).toBe(refused.length);
      for (const result of refused)
        expect((result as PromiseRejectedResult).reason).toMatchObject({ status: 429 });
    } finally {
      await unpaced.close();
      await sim.close();
    }
  });
});

describe('Palette client errors never carry the API key', () => {
  let sim: PaletteSimulator;

  beforeAll(async () => {
    sim = await startPaletteSimulator({ speed: SPEED, apiKey: 'sim-secret-key-0123456789' });
  });

  afterAll(async () => {
    await sim?.close();
  });

  it('a wrong key: 401 as a PaletteError without the key', async () => {
    const wrongKey = 'wrong-secret-key-9876543210';
    const palette = clientFor(sim, { apiKey: wrongKey });
    const error = await paletteFailure(palette.listGateways());
    await palette.close();
    expect(error.status).toBe(401);
    expectNoSecret(error, wrongKey);
  });

  it('an answer echoing the key: scrubbed from message, code and ref', async () => {
    const palette = clientFor(sim);
    sim.injectOnce('GET', '/v1/overlords', {
      status: 400,
      body: { code: `Bad${sim.apiKey}`, message: `ApiKey ${sim.apiKey} is not allowed`, ref: sim.apiKey },
    });
    const error = await paletteFailure(palette.listGateways());
    await palette.close();
    expect(error.message).toBe('ApiKey [redacted] is not allowed');
    expectNoSecret(error, sim.apiKey);
  });

  it('no answer at all (refused connection, timeout): status 0 without the key', async () => {
    const closed = await startPaletteSimulator();
    const url = closed.url;
    await closed.close();
    const unreachable = createPaletteClient({
      apiUrl: url,
      apiKey: sim.apiKey,
      retry: { ...QUICK_RETRY, maxRetries: 1 },
    });
    const refused = await paletteFailure(unreachable.pairingCode());
    await unreachable.close();
    expect(refused).toMatchObject({ status: 0, code: 'ECONNREFUSED' });
    expectNoSecret(refused, sim.apiKey);

    // undici checks the headers timeout on its coarse timer (about a second), so the latency is well above it.
    sim.setFaults({ latencyMs: 3000 });
    const impatient = clientFor(sim, { timeoutMs: 100 });
    const slow = await paletteFailure(impatient.pairingCode());
    sim.setFaults({});
    await impatient.close();
    expect(slow).toMatchObject({ status: 0, code: 'UND_ERR_HEADERS_TIMEOUT' });
    expectNoSecret(slow, sim.apiKey);
  });

  it('a response of the wrong shape: UnexpectedResponse, without the key', async () => {
    const palette = clientFor(sim);
    sim.injectOnce('GET', '/v1/overlords/pairing/code', { status: 200, body: { pairingCode: 42 } });
    const error = await paletteFailure(palette.pairingCode());
    await palette.close();
    expect(error).toMatchObject({ status: 200, code: 'UnexpectedResponse' });
    expect(error.message).toMatch(/pairingCode/);
    expectNoSecret(error, sim.apiKey);
  });
});
