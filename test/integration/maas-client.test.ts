import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedMachines } from '../../src/local/maas/seed';
import { type MaasSimulator, startMaasSimulator } from '../../src/local/maas/simulator';
import { checkCapacity, type PoolDemand } from '../../src/maas/capacity';
import { createMaasClient, type MaasClient } from '../../src/maas/client';
import { MaasError } from '../../src/maas/errors';
import { MaasKeyError } from '../../src/maas/oauth';
import { capacityFinding } from '../../src/maas/review';

const KEY = 'ItConsumer0001:ItToken00000001:ItSecretVeryPrivate0001';
const KEY_PARTS = KEY.split(':');

/** Runs `promise`, expecting a MaasError that names no part of the key. */
async function maasError(promise: Promise<unknown>): Promise<MaasError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a MaasError');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MaasError);
  const maas = error as MaasError;
  for (const part of KEY_PARTS) expect(`${maas.message} ${maas.stack}`).not.toContain(part);
  return maas;
}

describe('MAAS client against the simulator over HTTP', () => {
  let sim: MaasSimulator;
  let client: MaasClient;
  const clients: MaasClient[] = [];
  const clientFor = (options: { apiKey?: string; timeoutMs?: number; apiUrl?: string } = {}) => {
    const created = createMaasClient({ apiUrl: sim.apiUrl, apiKey: KEY, ...options });
    clients.push(created);
    return created;
  };

  beforeAll(async () => {
    sim = await startMaasSimulator({ apiKey: KEY });
    client = clientFor();
  });
  afterEach(() => {
    sim.setLatency(0);
    sim.failNext(200, 0);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await sim.close();
  });

  it('lists machines mapped from MAAS fields', async () => {
    const machines = await client.machines();
    expect(machines).toEqual(seedMachines());
    expect(new Set(machines.map((m) => m.zone))).toEqual(new Set(['az1', 'az2', 'az3']));
    expect(machines.some((m) => m.status === 'Deployed')).toBe(true);
    expect(machines.filter((m) => m.status === 'Ready').length).toBeGreaterThan(5);
  });

  it('lists zones and resource pools', async () => {
    expect(await client.zones()).toEqual(['az1', 'az2', 'az3']);
    expect(await client.resourcePools()).toEqual(['default', 'gpu', 'storage']);
  });

  it('signs every request: a wrong key is refused with 401 and an error that names no key', async () => {
    const wrong = clientFor({ apiKey: 'ItConsumer0001:ItToken00000001:ItSecretWrong0001' });
    const error = await maasError(wrong.machines());
    expect(error).toMatchObject({ kind: 'auth', status: 401, path: '/api/2.0/machines/' });
    expect(error.message).toContain('MAAS_API_KEY');
    expect(error.message).not.toContain('ItSecretWrong0001');
  });

  it('refuses a malformed key before any request', () => {
    const before = sim.requestCount('/MAAS/api/2.0/zones/');
    expect(() => createMaasClient({ apiUrl: sim.apiUrl, apiKey: 'only-one-part' })).toThrow(MaasKeyError);
    expect(sim.requestCount('/MAAS/api/2.0/zones/')).toBe(before);
  });

  it('retries a passing 503 and succeeds', async () => {
    const before = sim.requestCount('/MAAS/api/2.0/zones/');
    sim.failNext(503, 1);
    expect(await client.zones()).toEqual(['az1', 'az2', 'az3']);
    expect(sim.requestCount('/MAAS/api/2.0/zones/') - before).toBe(2);
  });

  it('gives up after its retries with a MaasError carrying the status', async () => {
    const before = sim.requestCount('/MAAS/api/2.0/resourcepools/');
    sim.failNext(503, 10);
    const error = await maasError(client.resourcePools());
    expect(error).toMatchObject({ kind: 'http', status: 503 });
    expect(sim.requestCount('/MAAS/api/2.0/resourcepools/') - before).toBe(3);
  });

  it('does not retry a plain 500, and reports it', async () => {
    const before = sim.requestCount('/MAAS/api/2.0/zones/');
    sim.failNext(500, 1);
    const error = await maasError(client.zones());
    expect(error).toMatchObject({ kind: 'http', status: 500 });
    expect(error.message).toContain('Service temporarily unavailable');
    expect(sim.requestCount('/MAAS/api/2.0/zones/') - before).toBe(1);
  });

  it('times out when MAAS is slower than timeoutMs', async () => {
    sim.setLatency(500);
    const error = await maasError(clientFor({ timeoutMs: 100 }).zones());
    expect(error.kind).toBe('timeout');
  });

  it('reports an unreachable MAAS as a network error', async () => {
    const closed = await startMaasSimulator({ apiKey: KEY });
    const apiUrl = closed.apiUrl;
    await closed.close();
    const error = await maasError(clientFor({ apiUrl }).zones());
    expect(error.kind).toBe('network');
    expect(error.message).toContain(new URL(apiUrl).origin);
  });

  it('feeds the capacity check: the seed fits a small cluster but not a large GPU pool', async () => {
    const machines = await client.machines();
    const cp: PoolDemand = {
      name: 'control-plane',
      size: 3,
      instanceType: { minCPU: 4, minMemInMB: 8_192 },
      azs: ['az1', 'az2', 'az3'],
      resourcePool: 'default',
    };
    const gpu: PoolDemand = {
      name: 'gpu-workers',
      size: 3,
      instanceType: { minCPU: 16, minMemInMB: 65_536 },
      azs: [],
      resourcePool: 'gpu',
      machineTags: ['gpu'],
    };
    const report = checkCapacity({ controlPlane: cp, workerPools: [gpu] }, machines);
    expect(report.pools.map((p) => [p.pool, p.shortfall])).toEqual([
      ['control-plane', 0],
      ['gpu-workers', 1],
    ]);
    expect(report.ok).toBe(false);
    expect(report.lines[1]).toBe(
      'gpu-workers needs 3: 2 Ready machines match (any zone; resource pool gpu; ≥ 16 CPU, 64 GiB RAM; tags gpu) — short by 1.',
    );
  });
});

describe('MAAS client against an answer it does not expect', () => {
  const app = new Hono();
  app.get('/MAAS/api/2.0/machines/', (c) => c.json([{ system_id: 'x', hostname: 'h', cpu_count: 'many' }]));
  app.get('/MAAS/api/2.0/zones/', (c) => c.text('<html>maintenance</html>'));
  let server: ReturnType<typeof serve>;
  let client: MaasClient;

  beforeAll(async () => {
    server = await new Promise((resolve) => {
      const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
    });
    const { port } = server.address() as AddressInfo;
    client = createMaasClient({ apiUrl: `http://127.0.0.1:${port}/MAAS/`, apiKey: KEY });
  });
  afterAll(async () => {
    await client.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('names the field that does not parse', async () => {
    const error = await maasError(client.machines());
    expect(error.kind).toBe('body');
    expect(error.message).toMatch(/GET \/api\/2\.0\/machines\/ with an unexpected body \(0\.status_name/);
  });

  it('says when the body is not JSON', async () => {
    const error = await maasError(client.zones());
    expect(error.message).toContain('something other than JSON');
  });
});

describe('capacityFinding for the approval card', () => {
  let sim: MaasSimulator;
  let client: MaasClient;
  const demand = (size: number) => ({
    controlPlane: {
      name: 'cp',
      size: 1,
      instanceType: { minCPU: 4, minMemInMB: 8_192 },
      azs: [],
      resourcePool: 'default',
    },
    workerPools: [
      {
        name: 'workers',
        size,
        instanceType: { minCPU: 4, minMemInMB: 8_192 },
        azs: [],
        resourcePool: 'default',
      },
    ],
  });

  beforeAll(async () => {
    sim = await startMaasSimulator({ apiKey: KEY });
    client = createMaasClient({ apiUrl: sim.apiUrl, apiKey: KEY });
  });
  afterAll(async () => {
    await client.close();
    await sim.close();
  });

  it('is undefined without MAAS, and ok with lines when the machines fit', async () => {
    expect(await capacityFinding(undefined, demand(2))).toBeUndefined();
    const finding = await capacityFinding({ client, apiUrl: sim.apiUrl }, demand(2));
    expect(finding).toEqual({
      ok: true,
      lines: [expect.stringMatching(/^cp needs 1: /), expect.stringMatching(/^workers needs 2: /)],
      counted: expect.stringMatching(
        new RegExp(
          `^Counted in the MAAS at ${new URL(sim.apiUrl).host} \\(the bot's MAAS_API_URL, for every cloud account\\): \\d+ Ready machines now, each counted for one pool only\\.$`,
        ),
      ),
    });
  });

  it('reports the shortfall', async () => {
    const finding = await capacityFinding({ client, apiUrl: sim.apiUrl }, demand(50));
    expect(finding?.ok).toBe(false);
    expect(finding?.lines[1]).toMatch(/^workers needs 50: \d+ Ready machines match .* — short by \d+\.$/);
  });

  it('says why when MAAS cannot be asked, without the key', async () => {
    sim.failNext(500, 1);
    const finding = await capacityFinding({ client, apiUrl: sim.apiUrl }, demand(2));
    expect(finding).toEqual({
      ok: false,
      lines: [expect.stringMatching(/^MAAS capacity could not be checked: MAAS answered 500/)],
    });
    for (const part of KEY_PARTS) expect(finding!.lines[0]).not.toContain(part);
  });
});
