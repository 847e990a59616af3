import { Agent, type Dispatcher } from 'undici';
import { z } from 'zod';
import { statusClass } from '../metrics/catalog';
import type { Metrics } from '../metrics/port';
import { paletteError } from './errors';
import { Pacer, pacingInterceptor } from './pacer';
import {
  type FailedAttemptReport,
  type RetryKind,
  type RetrySettings,
  retryInterceptor,
  retryOptionsFor,
} from './retry';

/** How the HTTP layer reaches Palette (for every project: the project is chosen per `forProject`). */
export interface PaletteHttpOptions {
  apiUrl: string;
  apiKey: string;
  /** Applies to connecting, to waiting for the headers and to each gap in the body. */
  timeoutMs: number;
  retry: RetrySettings;
  /** Requests per second to pace at, per path prefix (see `pacingRates`). */
  rates: Record<string, number>;
  /** Counts calls, 429s and retries by rate-limit prefix. */
  metrics: Metrics;
}

/** Query parameters; undefined ones are left out. */
export type Query = Record<string, string | number | boolean | undefined>;

/** One call to Palette's REST API. */
export interface PaletteCall {
  method: Dispatcher.HttpMethod;
  /** The path under the API URL, `/v1/…`, with its parameters already encoded. */
  path: string;
  query?: Query;
  body?: unknown;
  /** Whether the call may be repeated after a transient failure; reads and updates are. */
  retry?: RetryKind;
}

/** Palette over HTTP in one scope (a project, or the tenant): JSON in and out, errors as PaletteError. */
export interface PaletteHttp {
  /** Sends a call and parses its JSON answer with `schema`. */
  json<T>(call: PaletteCall, schema: z.ZodType<T>): Promise<T>;
  /** Sends a call whose answer has no body the bot reads (204 and the like). */
  send(call: PaletteCall): Promise<void>;
  /** Sends a call whose answer is a download (`application/octet-stream`): its body as text. */
  download(call: PaletteCall): Promise<string>;
}

/**
 * Palette over HTTP for every project: ONE keep-alive pool and ONE pacer, whatever the project — Palette's rate
 * limits are per source IP and path prefix, not per project.
 */
export interface PaletteTransport {
  /** The HTTP layer whose calls carry `ProjectUid: projectUid` (tenant scope when undefined). */
  forProject(projectUid: string | undefined): PaletteHttp;
  /** Closes the keep-alive connections. */
  close(): Promise<void>;
}

const V1ErrorSchema = z.object({
  code: z.string().nullish(),
  message: z.string().nullish(),
  ref: z.string().nullish(),
});

/** Keep-alive connections per origin: enough for a paced sweep, few enough to be polite. */
const CONNECTIONS = 16;

/** Builds the HTTP layer: a keep-alive agent, paced per prefix, retried by undici's retry handler. */
export function createPaletteTransport(options: PaletteHttpOptions): PaletteTransport {
  const base = new URL(options.apiUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const agent = new Agent({
    connections: CONNECTIONS,
    connect: { timeout: options.timeoutMs },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  const { metrics } = options;
  const pacer = new Pacer(options.rates);
  const countFailedAttempt = ({ path, statusCode, retrying }: FailedAttemptReport) => {
    const prefix = pacer.bucketOf(path);
    if (statusCode === 429) metrics.add('PaletteThrottled', 1, { prefix });
    if (retrying) metrics.add('PaletteRetries', 1, { prefix });
  };
  // Compose order: the last interceptor is outermost, so every retry attempt passes the pacer again.
  const dispatcher = agent.compose(
    pacingInterceptor(pacer),
    retryInterceptor(options.retry, countFailedAttempt),
  );
  const secrets = [options.apiKey];
  const tenantHeaders: Record<string, string> = { accept: 'application/json', ApiKey: options.apiKey };

  const fail = (call: PaletteCall, status: number, code: string, message: string, ref?: string) =>
    paletteError(
      { status, code, message, ...(ref ? { ref } : {}), method: call.method, path: call.path },
      secrets,
    );

  /** One call as the bot saw it, after its retries: its status class and how long it took, by prefix. */
  const countCall = (call: PaletteCall, status: number, startedAt: number) => {
    const prefix = pacer.bucketOf(call.path);
    metrics.add('PaletteCalls', 1, { prefix, statusClass: statusClass(status) });
    metrics.add('PaletteLatency', performance.now() - startedAt, { prefix });
  };

  async function exchange(
    call: PaletteCall,
    baseHeaders: Record<string, string>,
  ): Promise<{ status: number; text: string }> {
    const startedAt = performance.now();
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    const request: Dispatcher.RequestOptions & { retryOptions: ReturnType<typeof retryOptionsFor> } = {
      origin: base.origin,
      path: `${basePath}${call.path}${queryString(call.query)}`,
      method: call.method,
      headers: body === undefined ? baseHeaders : { ...baseHeaders, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body }),
      // Read by undici's retry interceptor, which merges it over the agent-wide retry options.
      retryOptions: retryOptionsFor(call.retry ?? 'repeatable', call.method),
    };
    let status: number;
    let text: string;
    try {
      const response = await dispatcher.request(request);
      status = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      countCall(call, 0, startedAt);
      const code = (error as { code?: unknown }).code;
      const reason = error instanceof Error ? error.message : String(error);
      throw fail(
        call,
        0,
        typeof code === 'string' ? code : 'NetworkError',
        `Palette could not be reached: ${reason}`,
      );
    }
    countCall(call, status, startedAt);
    if (status < 400) return { status, text };
    const answer = V1ErrorSchema.safeParse(parseJson(text));
    const v1 = answer.success ? answer.data : {};
    throw fail(
      call,
      status,
      v1.code || `HTTP${status}`,
      v1.message || `Palette answered HTTP ${status}.`,
      v1.ref ?? undefined,
    );
  }

  const forProject = (projectUid: string | undefined): PaletteHttp => {
    const headers = projectUid ? { ...tenantHeaders, ProjectUid: projectUid } : tenantHeaders;
    return {
      async json(call, schema) {
        const { status, text } = await exchange(call, headers);
        const parsed = schema.safeParse(parseJson(text));
        if (parsed.success) return parsed.data;
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? issue.path.join('.') : '(body)';
        throw fail(
          call,
          status,
          'UnexpectedResponse',
          `Palette's answer did not have the expected shape (${where}: ${issue?.message ?? 'invalid'}).`,
        );
      },
      async send(call) {
        await exchange(call, headers);
      },
      async download(call) {
        const { text } = await exchange(call, { ...headers, accept: 'application/octet-stream' });
        return text;
      },
    };
  };
  return { forProject, close: () => agent.close() };
}

/** `?a=1&b=2` from the defined entries, or the empty string. */
function queryString(query: Query | undefined): string {
  const entries = Object.entries(query ?? {}).filter(
    (entry): entry is [string, string | number | boolean] => entry[1] !== undefined,
  );
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}`;
}

/** The JSON in `text`, or undefined when there is none (an empty or non-JSON body). */
function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
