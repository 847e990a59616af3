import { Agent, errors, RetryAgent, request } from 'undici';
import { z } from 'zod';
import { MaasError } from './errors';
import { type MaasCredentials, oauthHeader, parseMaasApiKey, redactCredentials } from './oauth';
import type { Maas, MaasMachine } from './port';

/** Where MAAS is and how to reach it. `apiUrl` is the region controller's base, e.g. `http://maas:5240/MAAS`. */
export interface MaasClientOptions {
  apiUrl: string;
  /** `consumer_key:token_key:token_secret`, as MAAS shows it under API keys. */
  apiKey: string;
  /** Limit for each call, retries included; default 10 s. */
  timeoutMs?: number;
}

/** The Maas port over HTTP, with `close()` to release its connections. */
export interface MaasClient extends Maas {
  close(): Promise<void>;
}

// Zod objects drop unknown keys, so the many other fields MAAS returns pass through unread.
const named = z.object({ name: z.string() });
const MachineSchema = z.object({
  system_id: z.string(),
  hostname: z.string(),
  status_name: z.string(),
  zone: named.nullish(),
  pool: named.nullish(),
  cpu_count: z.number(),
  memory: z.number(),
  tag_names: z.array(z.string()).nullish(),
});
const MachinesSchema = z.array(MachineSchema);
const NamedListSchema = z.array(named);

const MACHINES = '/api/2.0/machines/';
const ZONES = '/api/2.0/zones/';
const RESOURCE_POOLS = '/api/2.0/resourcepools/';

/** Creates a MAAS API client; throws MaasKeyError right away when the key is malformed. */
export function createMaasClient(options: MaasClientOptions): MaasClient {
  const credentials = parseMaasApiKey(options.apiKey);
  const base = options.apiUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;
  // Reads are idempotent: let undici retry brief outages (jittered backoff) instead of failing the check.
  const dispatcher = new RetryAgent(new Agent(), {
    maxRetries: 2,
    minTimeout: 200,
    maxTimeout: 2_000,
    statusCodes: [429, 502, 503, 504],
  });

  const getJson = async <T>(path: string, schema: z.ZodType<T>): Promise<T> => {
    const body = await fetchBody(dispatcher, `${base}${path}`, path, credentials, timeoutMs);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new MaasError(`MAAS answered GET ${path} with something other than JSON.`, 'body', path);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new MaasError(
        `MAAS answered GET ${path} with an unexpected body (${issue.path.join('.') || 'top level'}: ${issue.message}).`,
        'body',
        path,
      );
    }
    return parsed.data;
  };

  return {
    async machines(): Promise<MaasMachine[]> {
      const machines = await getJson(MACHINES, MachinesSchema);
      return machines.map((machine) => ({
        systemId: machine.system_id,
        hostname: machine.hostname,
        status: machine.status_name,
        zone: machine.zone?.name ?? '',
        pool: machine.pool?.name ?? '',
        cpuCount: machine.cpu_count,
        memory: machine.memory,
        tags: machine.tag_names ?? [],
      }));
    },
    async zones(): Promise<string[]> {
      return (await getJson(ZONES, NamedListSchema)).map((zone) => zone.name);
    },
    async resourcePools(): Promise<string[]> {
      return (await getJson(RESOURCE_POOLS, NamedListSchema)).map((pool) => pool.name);
    },
    async close(): Promise<void> {
      await dispatcher.close();
    },
  };
}

/** GETs one path and returns the body text of a 2xx answer; everything else becomes a MaasError. */
async function fetchBody(
  dispatcher: RetryAgent,
  url: string,
  path: string,
  credentials: MaasCredentials,
  timeoutMs: number,
): Promise<string> {
  let response: Awaited<ReturnType<typeof request>>;
  let text: string;
  try {
    // One deadline for the whole call (undici's own socket timers tick at one-second resolution).
    response = await request(url, {
      method: 'GET',
      dispatcher,
      signal: AbortSignal.timeout(timeoutMs),
      headers: { authorization: oauthHeader(credentials), accept: 'application/json' },
    });
    text = await response.body.text();
  } catch (error) {
    throw transportError(error, url, path);
  }
  const status = response.statusCode;
  if (status === 401 || status === 403)
    throw new MaasError(
      `MAAS refused the API key (${status}) for GET ${path}: check MAAS_API_KEY and the user's permissions.`,
      'auth',
      path,
      status,
    );
  if (status < 200 || status >= 300) {
    const detail = redactCredentials(text.replace(/\s+/g, ' ').trim(), credentials).slice(0, 200);
    throw new MaasError(
      `MAAS answered ${status} for GET ${path}${detail ? `: ${detail}` : '.'}`,
      'http',
      path,
      status,
    );
  }
  return text;
}

/** Maps undici's failures (timeouts, refused connections, exhausted retries) to a MaasError. */
function transportError(error: unknown, url: string, path: string): MaasError {
  if (error instanceof errors.RequestRetryError)
    return new MaasError(
      `MAAS kept answering ${error.statusCode} for GET ${path}; try again later.`,
      'http',
      path,
      error.statusCode,
    );
  const name = (error as { name?: unknown } | null)?.name;
  if (
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    (error instanceof errors.UndiciError && /Timeout/.test(error.name))
  )
    return new MaasError(`MAAS at ${originOf(url)} did not answer GET ${path} in time.`, 'timeout', path);
  const code = (error as { code?: unknown } | null)?.code;
  return new MaasError(
    `Could not reach MAAS at ${originOf(url)} for GET ${path}${typeof code === 'string' ? ` (${code})` : ''}.`,
    'network',
    path,
  );
}

/** The scheme, host and port of a URL: safe to show (user info, if any, is dropped). */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the configured URL';
  }
}
