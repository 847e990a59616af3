import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  loadSpecValidators,
  paletteSpecMissingReason,
  paletteSpecPath,
} from '../../src/local/palette/openapi';
import { type SampleOptions, sampleClusterBody } from '../../src/local/palette/samples';
import type { MaasClusterBody } from '../../src/local/palette/schemas';
import { seedCatalog } from '../../src/local/palette/seed';
import {
  type PaletteSimulator,
  type SimulatorOptions,
  STALL_LABEL,
  STICKY_DELETE_LABEL,
  startPaletteSimulator,
} from '../../src/local/palette/simulator';
import { featureRequests } from '../support/palette-features';
import { afterRunningRequests } from './palette-after-running.support';

const catalog = seedCatalog();
const LAB = catalog.accounts[0]!;
const T0 = Date.parse('2026-03-02T09:00:00.000Z');

/** The response shapes the assertions read (Palette's definitions, only the fields used here). */
interface ErrorBody {
  code: string;
  message: string;
  details: { problems?: string[] };
  ref: string;
}
interface ListMeta {
  continue: string;
  count: number;
}
interface ClusterBody {
  metadata: { uid: string; name: string; deletionTimestamp?: string };
  spec: { cloudConfigRef: { uid: string } };
  status: { state: string; abortTimestamp?: string };
}
interface PoolMeta {
  size: number;
  healthy: number;
  isControlPlane: boolean;
}
interface OverviewBody {
  status: { state: string; health?: { state: string } };
  spec: { cloudConfig: { machinePools: PoolMeta[] } };
}
interface EventsBody {
  items: { metadata: { uid: string; creationTimestamp: string }; reason: string; message: string }[];
  listmeta: ListMeta;
}
interface SearchPage {
  items: { metadata: { uid: string; name: string } }[];
  listmeta: ListMeta;
}
interface ProfilesPage {
  items: { specSummary: { published: { cloudType: string } } }[];
  listmeta: ListMeta;
}
interface PoolConfigView {
  [field: string]: unknown;
  isControlPlane: boolean;
  instanceType: { minCPU: number; minMemInMB: number };
  resourcePool: string;
  azs: string[];
}
interface ValidationBody {
  machinePools: { results: { name: string; errors: { code: string; message: string }[] }[] };
}
interface RateBody {
  machinePools: { nodesCount: number }[];
  rate: { total: number };
}

interface Answer<T> {
  status: number;
  body: T;
  text: string;
}

/** A simulator with a manual clock, and a small HTTP helper over real loopback. */
async function harness(options: SimulatorOptions = {}) {
  const clock = { t: T0 };
  const sim = await startPaletteSimulator({ now: () => clock.t, rateLimits: false, ...options });
  started.push(sim);
  const call = async <T = ErrorBody>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> => {
    const response = await fetch(`${sim.url}${path}`, {
      method,
      headers: { ApiKey: sim.apiKey, 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (kubeconfig): keep the text
    }
    return { status: response.status, body: parsed as T, text };
  };
  const advance = (seconds: number) => {
    clock.t += seconds * 1000;
  };
  const create = async (
    name: string,
    options: SampleOptions = {},
    edit?: (body: MaasClusterBody) => void,
  ) => {
    const body = sampleClusterBody(catalog, name, options);
    edit?.(body);
    const answer = await call<{ uid: string }>('POST', '/v1/spectroclusters/maas', body);
    expect(answer.status).toBe(201);
    return answer.body.uid;
  };
  const state = async (uid: string) => {
    const answer = await call<ClusterBody>('GET', `/v1/spectroclusters/${uid}`);
    return answer.status === 404 ? 'NotFound' : answer.body.status.state;
  };
  return { sim, clock, call, advance, create, state };
}

const started: PaletteSimulator[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((sim) => sim.close()));
});

const specMissing = paletteSpecMissingReason();
if (specMissing) console.log(specMissing);

describe('Palette simulator: auth and scope', () => {
  it('answers 401 with a v1Error without or with a wrong ApiKey, and never echoes a key', async () => {
    const { call } = await harness();
    for (const headers of [{ ApiKey: '' }, { ApiKey: 'wrong-secret-key-123' }]) {
      const answer = await call('GET', '/v1/overlords', undefined, headers);
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ code: 'Unauthorized', details: {} });
      expect(typeof answer.body.message).toBe('string');
      expect(typeof answer.body.ref).toBe('string');
      expect(answer.text).not.toContain('wrong-secret-key-123');
    }
    expect((await call('GET', '/v1/overlords')).status).toBe(200);
  });

  it('honours ProjectUid: another project is refused, the same or none is served', async () => {
    const { call } = await harness({ projectUid: 'aaaabbbbccccddddeeeeffff' });
    expect(
      (await call('GET', '/v1/overlords', undefined, { ProjectUid: 'aaaabbbbccccddddeeeeffff' })).status,
    ).toBe(200);
    expect((await call('GET', '/v1/overlords')).status).toBe(200);
    const other = await call('GET', '/v1/overlords', undefined, { ProjectUid: '000000000000000000000000' });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('Forbidden');
  });
});

describe('Palette simulator: body validation', () => {
  const badBody = () => {
    const body = sampleClusterBody(catalog, 'bad-body') as unknown as { spec: Record<string, unknown> };
    body.spec.cloudAccountUid = 42;
    return body;
  };

  it.skipIf(specMissing)('answers 400 with a v1Error listing spec and schema problems', async () => {
    const { sim, call } = await harness();
    const answer = await call('POST', '/v1/spectroclusters/maas', badBody());
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'InvalidRequest' });
    const problems = answer.body.details.problems ?? [];
    expect(
      problems.some((problem) =>
        problem.startsWith('spec v1SpectroMaasClusterEntity: /spec/cloudAccountUid'),
      ),
    ).toBe(true);
    expect(problems.some((problem) => problem.startsWith('spec.cloudAccountUid:'))).toBe(true);
    expect(sim.counters().rejectedBodies).toHaveLength(1);
    expect(sim.counters().rejectedBodies[0]).toMatchObject({
      method: 'POST',
      path: '/v1/spectroclusters/maas',
    });
    expect(sim.clusters()).toHaveLength(0);
  });

  it('answers 400 from its own schemas when spec validation is off', async () => {
    const { sim, call } = await harness({ validateWithSpec: false });
    const wrongType = await call('POST', '/v1/spectroclusters/maas', badBody());
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.details.problems).toEqual([expect.stringMatching(/^spec\.cloudAccountUid:/)]);
    const twoControlPlanes = sampleClusterBody(catalog, 'two-cp');
    twoControlPlanes.spec.machinepoolconfig[1]!.poolConfig.isControlPlane = true;
    const refused = await call('POST', '/v1/spectroclusters/maas', twoControlPlanes);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('exactly one control-plane pool');
    const notJson = await call<RateBody>('POST', '/v1/spectroclusters/maas/rate', '{not json');
    expect(notJson.status).toBe(400);
    expect(sim.counters().rejectedBodies.map((entry) => entry.body)).toContain('{not json');
  });
});

describe('Palette simulator: lifecycle', () => {
  it('goes Pending → Provisioning (events per pool and node, progress per pool) → Running and Healthy', async () => {
    const { call, advance, create } = await harness();
    const uid = await create('life', { controlPlaneSize: 3, workers: 2 });
    const overview = async () =>
      (await call<OverviewBody>('GET', `/v1/dashboard/spectroclusters/${uid}/overview`)).body;
    expect((await overview()).status.state).toBe('Pending');

    advance(20);
    const provisioning = await overview();
    expect(provisioning.status.state).toBe('Provisioning');
    expect(provisioning.status.health).toBeUndefined();
    const pools = provisioning.spec.cloudConfig.machinePools;
    expect(
      pools.map((pool: { isControlPlane: boolean; size: number }) => [pool.isControlPlane, pool.size]),
    ).toEqual([
      [true, 3],
      [false, 2],
    ]);
    expect(pools[0]?.healthy).toBeGreaterThan(0);
    expect(pools[0]?.healthy).toBeLessThan(3);
    const events = (await call<EventsBody>('GET', `/v1/events/components/spectrocluster/${uid}`)).body.items;
    const messages: string[] = events.map((event: { message: string }) => event.message);
    expect(
      messages.some((message) => /^Creating machine life-cp-\w+ in pool control-plane-pool/.test(message)),
    ).toBe(true);
    expect(messages.some((message) => /^Node life-cp-\w+ is ready$/.test(message))).toBe(true);
    const times = events.map(
      (event: { metadata: { creationTimestamp: string } }) => event.metadata.creationTimestamp,
    );
    expect([...times].sort().reverse()).toEqual(times);

    advance(600);
    const running = await overview();
    expect(running.status.state).toBe('Running');
    expect(running.status.health?.state).toBe('Healthy');
    expect(running.spec.cloudConfig.machinePools.map((pool: { healthy: number }) => pool.healthy)).toEqual([
      3, 2,
    ]);
    expect((await call('GET', `/v1/spectroclusters/${uid}/status`)).body).toEqual({
      status: { state: 'Running' },
    });
    const kubeconfig = await call('GET', `/v1/spectroclusters/${uid}/assets/kubeconfigclient`);
    expect(kubeconfig.text).toContain('server: https://life.maas.lab:6443');
  });

  it('deletes a Running cluster: Deleting → Deleted → 404', async () => {
    const { call, advance, create, state } = await harness();
    const uid = await create('doomed');
    advance(600);
    expect(await state(uid)).toBe('Running');
    expect((await call('DELETE', `/v1/spectroclusters/${uid}`)).status).toBe(204);
    expect(await state(uid)).toBe('Deleting');
    const cluster = (await call<ClusterBody>('GET', `/v1/spectroclusters/${uid}`)).body;
    expect(cluster.status.abortTimestamp).toBeUndefined();
    expect(cluster.metadata.deletionTimestamp).toBeDefined();
    advance(20);
    expect(await state(uid)).toBe('Deleted');
    advance(60);
    expect(await state(uid)).toBe('NotFound');
    const events = (await call<EventsBody>('GET', `/v1/events/components/spectrocluster/${uid}`)).body.items;
    expect(events[0]?.reason).toBe('ClusterDeleted');
  });

  it('aborts a cluster deleted while provisioning and records abortTimestamp', async () => {
    const { call, advance, create, state } = await harness();
    const uid = await create('aborted', { controlPlaneSize: 3 });
    advance(20);
    expect(await state(uid)).toBe('Provisioning');
    expect((await call('DELETE', `/v1/spectroclusters/${uid}`)).status).toBe(204);
    const cluster = (await call<ClusterBody>('GET', `/v1/spectroclusters/${uid}`)).body;
    expect(cluster.status.state).toBe('Deleting');
    expect(cluster.status.abortTimestamp).toBe(new Date(T0 + 20_000).toISOString());
    const reasons = (
      await call<EventsBody>('GET', `/v1/events/components/spectrocluster/${uid}`)
    ).body.items.map((event: { reason: string }) => event.reason);
    expect(reasons[0]).toBe('ProvisioningAborted');
    advance(600);
    expect(['Deleted', 'NotFound']).toContain(await state(uid));
    expect(reasons).not.toContain('ClusterRunning');
  });

  it('keeps a sticky deletion in Deleting; refuses force delete before a delete, accepts it after', async () => {
    const { sim, call, advance, create, state } = await harness();
    const uid = await create('sticky', { labels: { [STICKY_DELETE_LABEL]: 'spectro__tag' } });
    advance(600);
    const early = await call('DELETE', `/v1/spectroclusters/${uid}?forceDelete=true`);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'ForceDeleteNotAllowed' });
    expect(early.body.message).toContain('Deleting');
    expect(await state(uid)).toBe('Running');

    expect((await call('DELETE', `/v1/spectroclusters/${uid}`)).status).toBe(204);
    advance(3600);
    expect(await state(uid)).toBe('Deleting');
    const configUid = (await call<ClusterBody>('GET', `/v1/spectroclusters/${uid}`)).body.spec.cloudConfigRef
      .uid;

    expect((await call('DELETE', `/v1/spectroclusters/${uid}?forceDelete=true`)).status).toBe(204);
    expect(await state(uid)).toBe('Deleted');
    const leftBehind = await call<{ items: unknown[] }>(
      'GET',
      `/v1/cloudconfigs/maas/${configUid}/machinePools/worker-pool/machines`,
    );
    expect(leftBehind.body.items).toHaveLength(2);
    expect(sim.clusters()[0]).toMatchObject({ state: 'Deleted', forceDeletedAt: expect.any(String) });
    expect(sim.counters().byOperation).toMatchObject({ delete: 1, forceDelete: 2 });
  });

  it('keeps a cluster tagged sim.stall Provisioning', async () => {
    const { advance, create, state } = await harness();
    const uid = await create('stalled', { labels: { [STALL_LABEL]: 'spectro__tag' } });
    advance(24 * 3600);
    expect(await state(uid)).toBe('Provisioning');
  });

  it('answers 409 for a live name (validate/name and create) and frees it once Deleted', async () => {
    const { call, advance, create } = await harness();
    const uid = await create('taken');
    expect((await call('GET', '/v1/spectroclusters/validate/name?name=free-name')).status).toBe(204);
    expect((await call('GET', '/v1/spectroclusters/validate/name?name=taken')).status).toBe(409);
    expect((await call('GET', '/v1/spectroclusters/validate/name?name=Bad_Name')).status).toBe(400);
    const duplicate = await call('POST', '/v1/spectroclusters/maas', sampleClusterBody(catalog, 'taken'));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('ClusterNameAlreadyExists');
    await call('DELETE', `/v1/spectroclusters/${uid}`);
    advance(60);
    expect((await call('GET', '/v1/spectroclusters/validate/name?name=taken')).status).toBe(204);
  });

  it('resizes a pool: nodes join and leave, with events and machines listed', async () => {
    const { call, advance, create } = await harness();
    const uid = await create('scaled', { workers: 2 });
    advance(600);
    const configUid = (await call<ClusterBody>('GET', `/v1/spectroclusters/${uid}`)).body.spec.cloudConfigRef
      .uid;
    const config = (
      await call<{ spec: { machinePoolConfig: PoolConfigView[] } }>(
        'GET',
        `/v1/cloudconfigs/maas/${configUid}`,
      )
    ).body;
    const worker = config.spec.machinePoolConfig.find((pool) => !pool.isControlPlane)!;
    const { instanceType, resourcePool, azs, ...poolConfig } = worker;
    const resize = (size: number) =>
      call('PUT', `/v1/cloudconfigs/maas/${configUid}/machinePools/worker-pool`, {
        cloudConfig: { instanceType, resourcePool, azs },
        poolConfig: { ...poolConfig, size },
      });
    const machines = async () =>
      (
        await call<{ items: unknown[] }>(
          'GET',
          `/v1/cloudconfigs/maas/${configUid}/machinePools/worker-pool/machines`,
        )
      ).body.items.length;

    expect((await resize(4)).status).toBe(204);
    advance(60);
    expect(await machines()).toBe(4);
    expect(
      (await call<OverviewBody>('GET', `/v1/dashboard/spectroclusters/${uid}/overview`)).body.spec.cloudConfig
        .machinePools[1],
    ).toMatchObject({
      size: 4,
      healthy: 4,
    });
    expect((await resize(1)).status).toBe(204);
    advance(60);
    expect(await machines()).toBe(1);
    const messages = (
      await call<EventsBody>('GET', `/v1/events/components/spectrocluster/${uid}`)
    ).body.items.map((event: { message: string }) => event.message);
    expect(messages).toContain('Scaling machine pool worker-pool from 2 to 4 nodes');
    expect(messages).toContain('Scaling machine pool worker-pool from 4 to 1 nodes');
    expect(
      messages.some((message: string) => message.startsWith('Deleting machine scaled-worker-pool-')),
    ).toBe(true);
    expect((await resize(0)).status).toBe(204);
    expect(
      (
        await call('PUT', `/v1/cloudconfigs/maas/${configUid}/machinePools/nope`, {
          cloudConfig: worker,
          poolConfig,
        })
      ).status,
    ).toBe(404);
  });
});

describe('Palette simulator: dry run and estimate', () => {
  it('reports constraint errors for a pool asking more than MAAS has, none for a fitting body', async () => {
    const { call } = await harness();
    const fitting = await call<ValidationBody>(
      'POST',
      '/v1/spectroclusters/maas/validate',
      sampleClusterBody(catalog, 'fits'),
    );
    expect(fitting.status).toBe(200);
    const allErrors = (body: ValidationBody) => body.machinePools.results.flatMap((result) => result.errors);
    expect(allErrors(fitting.body)).toEqual([]);

    const greedy = sampleClusterBody(catalog, 'greedy');
    greedy.spec.machinepoolconfig[1]!.cloudConfig.instanceType.minCPU = 128;
    greedy.spec.machinepoolconfig[1]!.cloudConfig.resourcePool = 'gpu';
    const refused = await call<ValidationBody>('POST', '/v1/spectroclusters/maas/validate', greedy);
    expect(refused.status).toBe(200);
    expect(refused.body.machinePools.results[1]).toMatchObject({
      name: 'worker-pool',
      errors: [{ code: 'InsufficientCPU', message: expect.stringContaining('the largest has 32') }],
    });
  });

  it('estimates from node counts and instance types, per period', async () => {
    const { call } = await harness();
    const body = sampleClusterBody(catalog, 'priced', { workers: 3 });
    const rateBody = { cloudConfig: body.spec.cloudConfig, machinepoolconfig: body.spec.machinepoolconfig };
    const hourly = (await call<RateBody>('POST', '/v1/spectroclusters/maas/rate', rateBody)).body;
    const monthly = (
      await call<RateBody>('POST', '/v1/spectroclusters/maas/rate?periodType=monthly', rateBody)
    ).body;
    expect(hourly.machinePools.map((pool: { nodesCount: number }) => pool.nodesCount)).toEqual([1, 3]);
    expect(hourly.rate.total).toBeGreaterThan(0);
    expect(monthly.rate.total).toBeCloseTo(hourly.rate.total * 730, 1);
    const bigger = (
      await call<RateBody>('POST', '/v1/spectroclusters/maas/rate', {
        ...rateBody,
        machinepoolconfig: sampleClusterBody(catalog, 'x', { workers: 6 }).spec.machinepoolconfig,
      })
    ).body;
    expect(bigger.rate.total).toBeGreaterThan(hourly.rate.total);
  });
});

describe('Palette simulator: search, profiles and events paging', () => {
  const nameFilter = (operator: string, value: string) => ({
    filter: {
      conjunction: 'and',
      filterGroups: [
        {
          conjunction: 'and',
          filters: [
            {
              property: 'clusterName',
              type: 'string',
              condition: {
                string: {
                  operator,
                  negation: false,
                  ignoreCase: false,
                  match: { conjunction: 'or', values: [value] },
                },
              },
            },
            {
              property: 'environment',
              type: 'string',
              condition: { string: { operator: 'eq', match: { conjunction: 'or', values: ['maas'] } } },
            },
          ],
        },
      ],
    },
    sort: [{ field: 'clusterName', order: 'asc' }],
  });

  it('filters on name (eq, contains) and cloud type, pages with continue, leaves deleted clusters out', async () => {
    const { sim, call, advance, create } = await harness();
    sim.seedClusters(120, { namePrefix: 'bench' });
    const other = await create('other-team');
    const all: string[] = [];
    let token = '';
    do {
      const answer = await call<SearchPage>(
        'POST',
        `/v1/dashboard/spectroclusters/search?limit=50${token ? `&continue=${token}` : ''}`,
        nameFilter('contains', 'bench'),
      );
      expect(answer.status).toBe(200);
      expect(answer.body.items.length).toBeLessThanOrEqual(50);
      expect(answer.body.listmeta.count).toBe(120);
      all.push(...answer.body.items.map((item: { metadata: { name: string } }) => item.metadata.name));
      token = answer.body.listmeta.continue;
    } while (token);
    expect(all).toHaveLength(120);
    expect(new Set(all).size).toBe(120);
    expect(all).not.toContain('other-team');

    const exact = await call<SearchPage>(
      'POST',
      '/v1/dashboard/spectroclusters/search',
      nameFilter('eq', 'other-team'),
    );
    expect(exact.body.items.map((item: { metadata: { uid: string } }) => item.metadata.uid)).toEqual([other]);
    const vsphere = nameFilter('eq', 'other-team');
    vsphere.filter.filterGroups[0]!.filters[1]!.condition.string.match.values = ['vsphere'];
    expect(
      (await call<SearchPage>('POST', '/v1/dashboard/spectroclusters/search', vsphere)).body.items,
    ).toEqual([]);

    await call('DELETE', `/v1/spectroclusters/${other}`);
    advance(20);
    expect(
      (await call<SearchPage>('POST', '/v1/dashboard/spectroclusters/search', nameFilter('eq', 'other-team')))
        .body.items,
    ).toEqual([]);
    const withDeleted = nameFilter('eq', 'other-team');
    withDeleted.filter.filterGroups[0]!.filters.push({
      property: 'isDeleted',
      type: 'bool',
      condition: { bool: { value: true } },
    } as never);
    expect(
      (await call<SearchPage>('POST', '/v1/dashboard/spectroclusters/search', withDeleted)).body.items,
    ).toHaveLength(1);
    expect((await call('POST', '/v1/dashboard/spectroclusters/search?limit=51', {})).status).toBe(400);
  });

  it('lists profiles by environment and pages them', async () => {
    const { call } = await harness();
    const first = await call<ProfilesPage>('POST', '/v1/dashboard/clusterprofiles?limit=2', {
      filter: { environment: ['maas'] },
    });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.listmeta.count).toBe(3);
    const second = await call<ProfilesPage>(
      'POST',
      `/v1/dashboard/clusterprofiles?limit=2&continue=${first.body.listmeta.continue}`,
      {
        filter: { environment: ['maas'] },
      },
    );
    expect(second.body.items).toHaveLength(1);
    expect(second.body.listmeta.continue).toBe('');
    const items = [...first.body.items, ...second.body.items];
    expect(
      items.every(
        (item: { specSummary: { published: { cloudType: string } } }) =>
          item.specSummary.published.cloudType === 'maas',
      ),
    ).toBe(true);
    const everything = await call<ProfilesPage>('POST', '/v1/dashboard/clusterprofiles', {});
    expect(everything.body.listmeta.count).toBe(catalog.profiles.length);
  });

  it('pages events newest first with limit and continue', async () => {
    const { call, advance, create } = await harness();
    const uid = await create('chatty', { controlPlaneSize: 3, workers: 3 });
    advance(600);
    const whole = (await call<EventsBody>('GET', `/v1/events/components/spectrocluster/${uid}`)).body;
    const first = (await call<EventsBody>('GET', `/v1/events/components/spectrocluster/${uid}?limit=4`)).body;
    const second = (
      await call<EventsBody>(
        'GET',
        `/v1/events/components/spectrocluster/${uid}?limit=4&continue=${first.listmeta.continue}`,
      )
    ).body;
    const uids = (page: { items: { metadata: { uid: string } }[] }) =>
      page.items.map((event) => event.metadata.uid);
    expect([...uids(first), ...uids(second)]).toEqual(uids(whole).slice(0, 8));
    expect(whole.items[0]?.reason).toBe('ClusterRunning');
  });
});

describe('Palette simulator: faults, rate limits and counters', () => {
  const statuses = async (sim: PaletteSimulator, count: number) => {
    const seen: number[] = [];
    for (let index = 0; index < count; index += 1) {
      seen.push((await fetch(`${sim.url}/v1/overlords`, { headers: { ApiKey: sim.apiKey } })).status);
    }
    return seen;
  };

  it('injects roughly the asked fractions of 429 and 503, the same ones for the same seed', async () => {
    const faults = { rate429: 0.2, rate503: 0.1, seed: 42 };
    const { sim } = await harness({ faults });
    const first = await statuses(sim, 200);
    const counters = sim.counters();
    expect(counters.tooManyRequests.injected).toBe(first.filter((status) => status === 429).length);
    expect(counters.serviceUnavailable.injected).toBe(first.filter((status) => status === 503).length);
    expect(counters.tooManyRequests.injected).toBeGreaterThan(20);
    expect(counters.tooManyRequests.injected).toBeLessThan(60);
    expect(counters.serviceUnavailable.injected).toBeGreaterThan(5);
    expect(counters.serviceUnavailable.injected).toBeLessThan(40);
    expect(counters.byOperation.overlords).toBe(first.filter((status) => status === 200).length);

    const { sim: twin } = await harness({ faults });
    expect(await statuses(twin, 200)).toEqual(first);
    sim.setFaults(faults);
    expect(await statuses(sim, 200)).toEqual(first);
    sim.setFaults({});
    expect(new Set(await statuses(sim, 20))).toEqual(new Set([200]));
  });

  it('enforces 10 rps on /v1/dashboard: a burst gets 429 TooManyRequests', async () => {
    const { sim, call } = await harness({ rateLimits: true });
    const burst = await Promise.all(
      Array.from({ length: 30 }, () => call('POST', '/v1/dashboard/clusterprofiles', {})),
    );
    const throttled = burst.filter((answer) => answer.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled[0]!.body.code).toBe('TooManyRequests');
    const counters = sim.counters();
    expect(counters.tooManyRequests.enforced).toBe(throttled.length);
    expect(counters.peakRps['/v1/dashboard']).toBeGreaterThan(10);
    expect(counters.byPrefix['/v1/dashboard']).toBe(30);
  });

  it('answers an injected response once, then the real one', async () => {
    const { sim, call, create } = await harness();
    const uid = await create('flaky');
    sim.injectOnce('GET', '/v1/spectroclusters/:uid', { status: 503 });
    sim.injectOnce('*', /\/overview$/, {
      status: 500,
      body: { code: 'Boom', message: 'injected', details: {}, ref: 'x' },
    });
    expect((await call<ClusterBody>('GET', `/v1/spectroclusters/${uid}`)).status).toBe(503);
    expect((await call<ClusterBody>('GET', `/v1/spectroclusters/${uid}`)).status).toBe(200);
    const overview = await call<OverviewBody>('GET', `/v1/dashboard/spectroclusters/${uid}/overview`);
    expect(overview).toMatchObject({ status: 500, body: { code: 'Boom' } });
    expect(sim.counters().serviceUnavailable.injected).toBe(1);
  });

  it('counts requests per prefix and operation, and starts over on reset', async () => {
    const { sim, call, create } = await harness();
    const uid = await create('counted');
    await call<ClusterBody>('GET', `/v1/spectroclusters/${uid}`);
    await call('GET', `/v1/cloudaccounts/maas/${LAB.uid}/properties/azs`);
    await call('GET', '/v1/clusterprofiles/nope');
    const counters = sim.counters();
    expect(counters.byPrefix).toMatchObject({
      '/v1/spectroclusters': 2,
      '/v1/cloudaccounts': 1,
      '/v1/clusterprofiles': 1,
    });
    expect(counters.byOperation).toMatchObject({ create: 1, get: 1, azs: 1, profile: 1 });
    expect(counters.byStatus).toMatchObject({ 201: 1, 200: 2, 404: 1 });
    sim.resetCounters();
    expect(sim.counters()).toMatchObject({ total: 0, byOperation: {}, rejectedBodies: [] });
  });

  it('seeds clusters already Running or Provisioning for benchmarks', async () => {
    const { sim, state } = await harness();
    const running = sim.seedClusters(3);
    const provisioning = sim.seedClusters(2, { state: 'Provisioning', namePrefix: 'young' });
    expect(running.map((cluster) => cluster.state)).toEqual(['Running', 'Running', 'Running']);
    expect(provisioning.map((cluster) => cluster.name)).toEqual(['young-1', 'young-2']);
    expect(await state(provisioning[0]!.uid)).toBe('Provisioning');
    expect(sim.clusters()).toHaveLength(5);
  });
});

describe('Palette simulator: kept in a file across restarts', () => {
  it('a restarted simulator on the same file answers for the same clusters, where their clocks left them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palette-sim-'));
    try {
      const statePath = join(dir, 'palette-simulator.json');
      const first = await harness({ statePath });
      const running = await first.create('kept-running');
      const sticky = await first.create('kept-sticky', {}, (body) => {
        body.metadata.labels = { ...body.metadata.labels, [STICKY_DELETE_LABEL]: '' };
      });
      first.advance(3_600);
      expect(await first.state(running)).toBe('Running');
      expect((await first.call('DELETE', `/v1/spectroclusters/${sticky}`)).status).toBe(204);
      await first.sim.close();

      const again = await harness({ statePath, now: () => first.clock.t });
      expect(await again.state(running)).toBe('Running');
      // A sticky deletion never ends (its Infinity was kept): still Deleting, a day later.
      again.advance(86_400);
      expect(await again.state(sticky)).toBe('Deleting');
      const overview = await again.call<OverviewBody>(
        'GET',
        `/v1/dashboard/spectroclusters/${running}/overview`,
      );
      expect(overview.body.spec.cloudConfig.machinePools.map((pool) => pool.healthy)).toEqual([1, 2]);
      // Its name is still taken, and the gateways' own clusters are there once.
      expect((await again.call('GET', '/v1/spectroclusters/validate/name?name=kept-running')).status).toBe(
        409,
      );
      expect(again.sim.clusters()).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Palette simulator: the console page the bot links to', () => {
  it('serves a read-only page per cluster at /admin and /projects/… paths without an ApiKey', async () => {
    const { sim, create, advance } = await harness({ projectUid: 'project-1' });
    const uid = await create('paged');
    advance(3_600);
    for (const path of [`/admin/clusters/${uid}/overview`, `/projects/project-1/clusters/${uid}/overview`]) {
      const page = await fetch(`${sim.url}${path}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      const text = await page.text();
      expect(text).toContain('<h1>paged</h1>');
      expect(text).toContain('<span class="state">Running</span> · Healthy');
      expect(text).toMatch(/<td>worker-pool<\/td>\s*<td>2\/2<\/td>/);
      expect(text).toContain('ClusterRunning');
    }
    // Another project, or an unknown cluster: a page saying so (and never the API's data without a key).
    expect((await fetch(`${sim.url}/projects/other/clusters/${uid}/overview`)).status).toBe(404);
    const unknown = await fetch(`${sim.url}/admin/clusters/no-such-uid/overview`);
    expect([unknown.status, await unknown.text()]).toEqual([
      404,
      expect.stringContaining('Cluster not found'),
    ]);
    expect((await fetch(`${sim.url}/v1/spectroclusters/${uid}`)).status).toBe(401);
  });

  it('escapes what it shows', async () => {
    const { sim } = await harness();
    // Seeded without HTTP, so the name skips the API's checks.
    const { uid } = sim.seedClusters(1, { namePrefix: '<script>alert(1)</script>' })[0]!;
    const text = await (await fetch(`${sim.url}/admin/clusters/${uid}/overview`)).text();
    expect(text).not.toContain('<script>alert(1)</script>');
    expect(text).toContain('&lt;script&gt;');
  });
});

describe.skipIf(specMissing)('Palette simulator: every path of the spec subset', () => {
  it('implements every operation, answering bodies that conform to the response definitions', async () => {
    const spec = JSON.parse(readFileSync(paletteSpecPath()!, 'utf8')) as {
      paths: Record<
        string,
        Record<string, { operationId?: string; responses?: Record<string, { schema?: { $ref?: string } }> }>
      >;
    };
    const check = loadSpecValidators()!;
    const { sim, call, advance, create } = await harness();
    const uid = await create('conformance', { controlPlaneSize: 3 });
    advance(600);
    const configUid = (await call<ClusterBody>('GET', `/v1/spectroclusters/${uid}`)).body.spec.cloudConfigRef
      .uid as string;
    const body = sampleClusterBody(catalog, 'conformance-2');
    const profile = catalog.profiles[0]!.uid;
    const gateway = catalog.gateways[0]!.uid;
    const pool = body.spec.machinepoolconfig[1]!;
    const requests: Record<string, [string, string, unknown?]> = {
      ...(await featureRequests({ call, advance, create }, uid, configUid)),
      ...afterRunningRequests(sim, uid, profile),
      v1SpectroClustersMaasCreate: ['POST', '/v1/spectroclusters/maas', body],
      v1SpectroClustersMaasValidate: ['POST', '/v1/spectroclusters/maas/validate', body],
      v1SpectroClustersMaasRate: [
        'POST',
        '/v1/spectroclusters/maas/rate',
        { machinepoolconfig: body.spec.machinepoolconfig },
      ],
      v1SpectroClustersValidateName: ['GET', '/v1/spectroclusters/validate/name?name=fresh'],
      v1SpectroClustersGet: ['GET', `/v1/spectroclusters/${uid}`],
      v1SpectroClustersUidStatus: ['GET', `/v1/spectroclusters/${uid}/status`],
      v1SpectroClustersUidKubeConfigClientGet: ['GET', `/v1/spectroclusters/${uid}/assets/kubeconfigclient`],
      v1SpectroClustersSummaryUidOverview: ['GET', `/v1/dashboard/spectroclusters/${uid}/overview`],
      v1SpectroClustersSearchFilterSummary: ['POST', '/v1/dashboard/spectroclusters/search', {}],
      v1EventsComponentsObjTypeUidList: ['GET', `/v1/events/components/spectrocluster/${uid}`],
      v1ClusterProfilesFilterSummary: [
        'POST',
        '/v1/dashboard/clusterprofiles',
        { filter: { environment: ['maas'] } },
      ],
      v1ClusterProfilesMetadata: ['GET', '/v1/dashboard/clusterprofiles/metadata'],
      v1CloudAccountsMaasList: ['GET', '/v1/cloudaccounts/maas'],
      v1CloudAccountsMaasGet: ['GET', `/v1/cloudaccounts/maas/${LAB.uid}`],
      v1MaasAccountsUidAzs: ['GET', `/v1/cloudaccounts/maas/${LAB.uid}/properties/azs`],
      v1MaasAccountsUidDomains: ['GET', `/v1/cloudaccounts/maas/${LAB.uid}/properties/domains`],
      v1MaasAccountsUidPools: ['GET', `/v1/cloudaccounts/maas/${LAB.uid}/properties/resourcePools`],
      v1MaasAccountsUidSubnets: ['GET', `/v1/cloudaccounts/maas/${LAB.uid}/properties/subnets`],
      v1MaasAccountsUidTags: ['GET', `/v1/cloudaccounts/maas/${LAB.uid}/properties/tags`],
      v1CloudConfigsMaasGet: ['GET', `/v1/cloudconfigs/maas/${configUid}`],
      v1CloudConfigsMaasMachinePoolUpdate: [
        'PUT',
        `/v1/cloudconfigs/maas/${configUid}/machinePools/worker-pool`,
        pool,
      ],
      v1CloudConfigsMaasPoolMachinesList: [
        'GET',
        `/v1/cloudconfigs/maas/${configUid}/machinePools/worker-pool/machines`,
      ],
      v1OverlordsList: ['GET', '/v1/overlords'],
      v1OverlordsUidGet: ['GET', `/v1/overlords/${gateway}`],
      v1OverlordsPairingCode: ['GET', '/v1/overlords/pairing/code?cloudType=maas'],
      v1ClusterProfilesGet: ['GET', `/v1/clusterprofiles/${profile}`],
      v1ClusterProfilesUidPacksGet: ['GET', `/v1/clusterprofiles/${profile}/packs`],
      V1ClusterProfilesUidVariablesGet: ['GET', `/v1/clusterprofiles/${profile}/variables`],
      v1SpectroClustersDelete: ['DELETE', `/v1/spectroclusters/${uid}`],
    };
    const operations = Object.values(spec.paths).flatMap((methods) =>
      Object.entries(methods)
        .filter(([method]) => method !== 'parameters')
        .map(([, operation]) => operation),
    );
    expect(operations.map((operation) => operation.operationId).sort()).toEqual(Object.keys(requests).sort());

    // Delete last: the others read the cluster it deletes.
    const ordered = [...operations].sort(
      (a, b) =>
        Number(a.operationId === 'v1SpectroClustersDelete') -
        Number(b.operationId === 'v1SpectroClustersDelete'),
    );
    for (const operation of ordered) {
      const [method, path, requestBody] = requests[operation.operationId!]!;
      const answer = await call(method, path, requestBody);
      const [status, response] = Object.entries(operation.responses ?? {})[0]!;
      expect({ operation: operation.operationId, status: answer.status }).toEqual({
        operation: operation.operationId,
        status: Number(status),
      });
      const definition = response.schema?.$ref?.split('/').pop();
      if (definition)
        expect({ operation: operation.operationId, problems: check(definition)(answer.body) }).toEqual({
          operation: operation.operationId,
          problems: [],
        });
      expect(answer.text).not.toContain(sim.apiKey);
    }
    expect(sim.counters().rejectedBodies).toEqual([]);
  });
});
