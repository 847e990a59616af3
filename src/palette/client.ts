import { type Metrics, UNRECORDED } from '../metrics/port';
import { afterRunningOver } from './after-running';
import type { SpectroMaasClusterEntity } from './entities';
import { isNotFound, PaletteError } from './errors';
import { paletteFeaturesOver } from './features/client';
import { maasClustersSearch, maasProfilesFilter } from './filters';
import { createPaletteTransport, type PaletteHttp } from './http';
import { pacingRates } from './pacer';
import { withPacksCache } from './packs-cache';
import { allPages } from './paging';
import type { ClusterEvent, Palette, PaletteProjects } from './port';
import { paletteProjects } from './projects';
import { DEFAULT_RETRY, type RetrySettings } from './retry';
import {
  AccountsPageSchema,
  CloudConfigSchema,
  ClusterSchema,
  ClusterSearchPageSchema,
  EventsPageSchema,
  MachinesPageSchema,
  NamesSchema,
  OverlordsSchema,
  OverviewSchema,
  PairingCodeSchema,
  ProfilePacksSchema,
  ProfilesPageSchema,
  ProfileVariablesSchema,
  RateSchema,
  UidSchema,
  ValidationSchema,
} from './schemas';

/** How to reach Palette, and how politely. */
export interface PaletteClientOptions {
  apiUrl: string;
  apiKey: string;
  /** Sent as the `ProjectUid` header; without it calls are tenant-scoped. */
  projectUid?: string;
  /** Connect, headers and body timeouts, each (default 30 s). */
  timeoutMs?: number;
  retry?: Partial<RetrySettings>;
  /** Palette's rate limits in requests per second by path prefix (`*` for the rest), over the documented ones. */
  limits?: Record<string, number>;
  /** Where calls, 429s and retries are counted (not at all without). */
  metrics?: Metrics;
}

/** Palette's list pages hold at most 50 items. */
const PAGE_SIZE = 50;
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_EVENTS = 20;
/** Statuses with which validate/name says the name is taken or not allowed (the rest are real failures). */
const NAME_REFUSALS = [400, 409, 422];
/** Statuses with which validate says the body itself is wrong: shown as a problem rather than thrown. */
const BODY_REFUSALS = [400, 422];

const segment = encodeURIComponent;
const clampPage = (limit: number | undefined) =>
  Math.min(PAGE_SIZE, Math.max(1, Math.trunc(limit ?? PAGE_SIZE)));

/** undefined when Palette answers 404, the value otherwise. */
async function unlessGone<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Newest first by timestamp, whatever order Palette answered in. */
function newestFirst(events: ClusterEvent[]): ClusterEvent[] {
  const time = (event: ClusterEvent) => Date.parse(event.at) || 0;
  return [...events].sort((a, b) => time(b) - time(a));
}

/** Something that holds connections open until closed. */
interface Closable {
  close(): Promise<void>;
}

/**
 * Palette clients for every project over ONE connection pool and ONE pacer (Palette's limits are per source IP,
 * not per project): `forProject(uid)` is the client whose calls carry `ProjectUid: uid`, made once per project.
 */
export function createPaletteProjects(
  options: Omit<PaletteClientOptions, 'projectUid'>,
): PaletteProjects & Closable {
  const transport = createPaletteTransport({
    apiUrl: options.apiUrl,
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    rates: pacingRates(options.limits),
    metrics: options.metrics ?? UNRECORDED,
  });
  return {
    // A profile's packs are read on every create: kept a minute, so an approval burst is not paced one by one.
    ...paletteProjects((projectUid) => withPacksCache(paletteOver(transport.forProject(projectUid)))),
    close: () => transport.close(),
  };
}

/** One Palette client (one project, or the tenant scope): paced per prefix, retried, every answer checked with zod. */
export function createPaletteClient(options: PaletteClientOptions): Palette & Closable {
  const projects = createPaletteProjects(options);
  return { ...projects.forProject(options.projectUid), close: () => projects.close() };
}

/** The Palette port over one scope's HTTP layer. */
function paletteOver(http: PaletteHttp): Palette {
  const accountProperty = (accountUid: string, property: string) =>
    http.json(
      { method: 'GET', path: `/v1/cloudaccounts/maas/${segment(accountUid)}/properties/${property}` },
      NamesSchema,
    );

  const overview = (uid: string) =>
    unlessGone(
      http.json(
        { method: 'GET', path: `/v1/dashboard/spectroclusters/${segment(uid)}/overview` },
        OverviewSchema,
      ),
    );

  /**
   * A gateway's node count: the overlord names its own spectro cluster (`spec.spectroClusterUid`), whose overview
   * lists its pools; 0 when Palette does not say.
   */
  const gatewayNodes = async (spectroClusterUid: string | undefined) => {
    if (!spectroClusterUid) return 0;
    const cluster = await overview(spectroClusterUid);
    return (cluster?.pools ?? []).reduce((sum, pool) => sum + pool.desired, 0);
  };

  const client: Palette = {
    ...afterRunningOver(http),
    listMaasProfiles: () =>
      allPages((token) =>
        http.json(
          {
            method: 'POST',
            path: '/v1/dashboard/clusterprofiles',
            query: { limit: PAGE_SIZE, continue: token },
            body: maasProfilesFilter(),
          },
          ProfilesPageSchema,
        ),
      ),

    profilePacks: (profileUid) =>
      http.json(
        { method: 'GET', path: `/v1/clusterprofiles/${segment(profileUid)}/packs` },
        ProfilePacksSchema,
      ),

    profileVariables: (profileUid) =>
      http.json(
        { method: 'GET', path: `/v1/clusterprofiles/${segment(profileUid)}/variables` },
        ProfileVariablesSchema,
      ),

    listMaasAccounts: () =>
      allPages((token) =>
        http.json(
          { method: 'GET', path: '/v1/cloudaccounts/maas', query: { limit: PAGE_SIZE, continue: token } },
          AccountsPageSchema,
        ),
      ),

    accountDomains: (accountUid) => accountProperty(accountUid, 'domains'),
    accountZones: (accountUid) => accountProperty(accountUid, 'azs'),
    accountResourcePools: (accountUid) => accountProperty(accountUid, 'resourcePools'),
    accountSubnets: (accountUid) => accountProperty(accountUid, 'subnets'),
    accountMachineTags: (accountUid) => accountProperty(accountUid, 'tags'),

    async nameProblem(name) {
      try {
        await http.send({ method: 'GET', path: '/v1/spectroclusters/validate/name', query: { name } });
        return undefined;
      } catch (error) {
        if (error instanceof PaletteError && NAME_REFUSALS.includes(error.status)) return error.message;
        throw error;
      }
    },

    async validateCluster(body) {
      try {
        return await http.json(
          { method: 'POST', path: '/v1/spectroclusters/maas/validate', body },
          ValidationSchema,
        );
      } catch (error) {
        if (error instanceof PaletteError && BODY_REFUSALS.includes(error.status))
          return { ok: false, messages: [error.message] };
        throw error;
      }
    },

    estimateCost: (body: SpectroMaasClusterEntity) =>
      http.json(
        {
          method: 'POST',
          path: '/v1/spectroclusters/maas/rate',
          query: { periodType: 'monthly' },
          // v1SpectroMaasClusterRateEntity: the placement and the pools of the create body.
          body: { cloudConfig: body.spec.cloudConfig, machinepoolconfig: body.spec.machinepoolconfig },
        },
        RateSchema,
      ),

    createCluster: (body) =>
      http.json({ method: 'POST', path: '/v1/spectroclusters/maas', body, retry: 'create' }, UidSchema),

    getCluster: (uid) =>
      unlessGone(http.json({ method: 'GET', path: `/v1/spectroclusters/${segment(uid)}` }, ClusterSchema)),

    clusterOverview: overview,

    async clusterEvents(uid, limit = DEFAULT_EVENTS) {
      const size = clampPage(limit);
      const page = await http.json(
        {
          method: 'GET',
          path: `/v1/events/components/spectrocluster/${segment(uid)}`,
          query: { limit: size, orderBy: 'metadata.creationTimestamp=-1' },
        },
        EventsPageSchema,
      );
      return newestFirst(page.items).slice(0, size);
    },

    searchClusters: (search = {}) =>
      http.json(
        {
          method: 'POST',
          path: '/v1/dashboard/spectroclusters/search',
          query: { limit: clampPage(search.limit), continue: search.continue },
          body: maasClustersSearch(search.name),
        },
        ClusterSearchPageSchema,
      ),

    async findClusterByName(name) {
      const rows = await allPages((token) =>
        client.searchClusters({ name, ...(token ? { continue: token } : {}) }),
      );
      return rows.find((row) => row.name === name && row.state !== 'Deleted');
    },

    deleteCluster: (uid, { force }) =>
      http.send({
        method: 'DELETE',
        path: `/v1/spectroclusters/${segment(uid)}`,
        query: { forceDelete: force },
      }),

    getCloudConfig: (configUid) =>
      http.json({ method: 'GET', path: `/v1/cloudconfigs/maas/${segment(configUid)}` }, CloudConfigSchema),

    updateMachinePool: (configUid, pool) =>
      http.send({
        method: 'PUT',
        path: `/v1/cloudconfigs/maas/${segment(configUid)}/machinePools/${segment(pool.poolConfig.name)}`,
        body: pool,
      }),

    async poolMachines(configUid, poolName) {
      const machines = await allPages((token) =>
        http.json(
          {
            method: 'GET',
            path: `/v1/cloudconfigs/maas/${segment(configUid)}/machinePools/${segment(poolName)}/machines`,
            query: { limit: PAGE_SIZE, continue: token },
          },
          MachinesPageSchema,
        ),
      );
      return machines.map((machine) => ({ ...machine, pool: poolName }));
    },

    async listGateways() {
      const overlords = await http.json({ method: 'GET', path: '/v1/overlords' }, OverlordsSchema);
      return Promise.all(
        overlords.map(async ({ spectroClusterUid, ...gateway }) => ({
          ...gateway,
          nodeCount: await gatewayNodes(spectroClusterUid),
        })),
      );
    },

    pairingCode: () =>
      http.json(
        { method: 'GET', path: '/v1/overlords/pairing/code', query: { cloudType: 'maas' } },
        PairingCodeSchema,
      ),

    ...paletteFeaturesOver(http),
  };
  return client;
}
