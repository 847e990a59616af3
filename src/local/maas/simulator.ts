import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { serveHttp } from '../../http/serve';
import { parseMaasApiKey, parseOAuthHeader } from '../../maas/oauth';
import type { MaasMachine } from '../../maas/port';
import { SEED_RESOURCE_POOLS, SEED_ZONES, seedMachines } from './seed';

/** The key the simulator accepts unless told otherwise (a made-up one: it opens nothing real). */
export const SIMULATOR_MAAS_API_KEY = 'SimConsumerKey0001:SimTokenKey0000001:SimTokenSecret00000000000000001';

/** How to start the simulator (on loopback, with the seeded machines). */
export interface MaasSimulatorOptions {
  /** The key it accepts; SIMULATOR_MAAS_API_KEY by default. */
  apiKey?: string;
  /** Port to listen on (default 0: any free port); the playground gives a stable one. */
  port?: number;
  /**
   * A file holding the machines: read at start when it exists, else written with the seed — so the playground's
   * MAAS (and any machine edited there by hand) is the same after a restart. Default: the seed, in memory.
   */
  statePath?: string;
}

/** The machines kept at `path`, or the seed (then written there, so the next start reads the same ones). */
function keptMachines(path: string | undefined): MaasMachine[] {
  if (!path) return seedMachines();
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as MaasMachine[];
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
  }
  const machines = seedMachines();
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(machines, null, 2));
  return machines;
}

/** A running simulator, with the knobs tests use. */
export interface MaasSimulator {
  /** The base to give the client as `apiUrl`, like a region controller's `http://host:5240/MAAS`. */
  apiUrl: string;
  apiKey: string;
  /** Requests received per path, answered or refused. */
  requestCount(path: string): number;
  /** Answers the next `times` requests with `status` (after authentication), for retry and error tests. */
  failNext(status: number, times?: number): void;
  /** Delays every answer by `ms`, for timeout tests. */
  setLatency(ms: number): void;
  close(): Promise<void>;
}

/** MAAS's numeric status codes for the status names the seed uses (the API returns both). */
const STATUS_CODES: Record<string, number> = {
  New: 0,
  Commissioning: 1,
  Ready: 4,
  Deployed: 6,
  Broken: 8,
  Allocated: 10,
};

const API = '/MAAS/api/2.0';

/** A zone or resource pool as MAAS lists it. */
function namedResource(kind: 'zones' | 'resourcepool', name: string, id: number) {
  return { id, name, description: '', resource_uri: `${API}/${kind}/${kind === 'zones' ? name : id}/` };
}

/** A machine as MAAS's `GET machines/` returns it (a subset, with fields the client must ignore). */
function machineJson(machine: MaasMachine, zones: string[], pools: string[]) {
  return {
    system_id: machine.systemId,
    hostname: machine.hostname,
    fqdn: `${machine.hostname}.maas`,
    status: STATUS_CODES[machine.status] ?? 0,
    status_name: machine.status,
    zone: namedResource('zones', machine.zone, zones.indexOf(machine.zone) + 1),
    pool: namedResource('resourcepool', machine.pool, pools.indexOf(machine.pool)),
    cpu_count: machine.cpuCount,
    memory: machine.memory,
    tag_names: machine.tags,
    architecture: 'amd64/generic',
    power_state: machine.status === 'Deployed' ? 'on' : 'off',
    osystem: machine.status === 'Deployed' ? 'ubuntu' : '',
    resource_uri: `${API}/machines/${machine.systemId}/`,
  };
}

/** Starts a MAAS API simulator on loopback: machines, zones and resource pools behind OAuth PLAINTEXT. */
export async function startMaasSimulator(options: MaasSimulatorOptions = {}): Promise<MaasSimulator> {
  const apiKey = options.apiKey ?? SIMULATOR_MAAS_API_KEY;
  const credentials = parseMaasApiKey(apiKey);
  const machines = keptMachines(options.statePath);
  const zones = [...new Set([...SEED_ZONES, ...machines.map((machine) => machine.zone)])];
  const pools = [...new Set([...SEED_RESOURCE_POOLS, ...machines.map((machine) => machine.pool)])];
  const counts = new Map<string, number>();
  let failures: { status: number; remaining: number } | undefined;
  let latencyMs = 0;

  const app = new Hono();
  app.use('*', async (c, next) => {
    counts.set(c.req.path, (counts.get(c.req.path) ?? 0) + 1);
    if (latencyMs > 0) await sleep(latencyMs);
    const oauth = parseOAuthHeader(c.req.header('authorization'));
    const authorized =
      oauth?.oauth_signature_method === 'PLAINTEXT' &&
      oauth.oauth_consumer_key === credentials.consumerKey &&
      oauth.oauth_token === credentials.tokenKey &&
      oauth.oauth_signature === `&${credentials.tokenSecret}` &&
      Boolean(oauth.oauth_nonce) &&
      /^\d+$/.test(oauth.oauth_timestamp ?? '');
    if (!authorized) return c.text('Authorization Error: invalid or missing OAuth credentials', 401);
    if (failures && failures.remaining > 0) {
      failures.remaining -= 1;
      return c.text('Service temporarily unavailable', failures.status as ContentfulStatusCode);
    }
    await next();
  });
  app.get(`${API}/machines/`, (c) => c.json(machines.map((machine) => machineJson(machine, zones, pools))));
  app.get(`${API}/zones/`, (c) =>
    c.json(zones.map((zone, index) => namedResource('zones', zone, index + 1))),
  );
  app.get(`${API}/resourcepools/`, (c) =>
    c.json(pools.map((pool, index) => namedResource('resourcepool', pool, index))),
  );

  const server = await serveHttp(app.fetch, { port: options.port });
  return {
    apiUrl: `${server.url}/MAAS`,
    apiKey,
    requestCount: (path) => counts.get(path) ?? 0,
    failNext(status, times = 1) {
      failures = { status, remaining: times };
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    close: server.close,
  };
}
