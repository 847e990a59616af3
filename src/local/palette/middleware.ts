import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { prefixOf } from './counters';
import { codeForStatus, v1Error } from './errors';
import type { SimRuntime } from './runtime';
import { inProject } from './scope';

/** Middleware in the order a request meets it: traffic (counts, limits, faults, latency), auth, scope, one-shots. */

function sourceOf(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket: every such request is one source.
    return 'local';
  }
}

function answer(status: number, body: unknown): Response {
  if (status === 204 || status === 304) return new Response(null, { status });
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Counts every request (per prefix and status, with 1-second peaks on the wall clock), enforces the rate
 * limits, injects random 429/503 faults (one PRNG draw per request) and adds latency to what gets through.
 */
export function traffic(sim: SimRuntime): MiddlewareHandler {
  return async (c, next) => {
    const arrivedAt = Date.now();
    const path = c.req.path;
    sim.counters.arrival(prefixOf(path), arrivedAt);
    const over = sim.limiter.exceeded(sourceOf(c), path, arrivedAt);
    const fault = over ? undefined : sim.faults.draw();
    if (over) {
      sim.counters.enforced();
      const message = `Too many requests: ${over.prefix} allows ${over.limit} requests per second`;
      c.res = answer(429, v1Error('TooManyRequests', message));
    } else if (fault) {
      sim.counters.injected(fault);
      const message = fault === 429 ? 'Too many requests, retry later' : 'Service is temporarily unavailable';
      c.res = answer(fault, v1Error(codeForStatus(fault), message));
    } else {
      if (sim.faults.latencyMs > 0) await sleep(sim.faults.latencyMs);
      await next();
    }
    sim.counters.status(c.res.status);
  };
}

/** Requires the `ApiKey` header to be the simulator's key; the key is never echoed. */
export function authenticate(sim: SimRuntime): MiddlewareHandler {
  return async (c, next) => {
    const key = c.req.header('ApiKey');
    if (key !== sim.apiKey) {
      const message = key ? 'Invalid ApiKey' : 'Missing ApiKey header';
      return c.json(v1Error('Unauthorized', message), 401);
    }
    await next();
  };
}

/**
 * Counts the request's `ProjectUid` (none = tenant scope), refuses one naming a project not served, and serves
 * the rest scoped to their project: they see only its clusters.
 */
export function projectScope(sim: SimRuntime): MiddlewareHandler {
  return async (c, next) => {
    const asked = c.req.header('ProjectUid') ?? '';
    sim.counters.project(asked);
    if (asked && sim.projects.size > 0 && !sim.projects.has(asked)) {
      return c.json(v1Error('Forbidden', `Project '${asked}' is not accessible with this API key`), 403);
    }
    await inProject(asked, next);
  };
}

/** Answers with an `injectOnce` answer when one matches this request. */
export function oneShots(sim: SimRuntime): MiddlewareHandler {
  return async (c, next) => {
    const injected = sim.oneShots.take(c.req.method, c.req.path);
    if (!injected) return next();
    sim.counters.injected(injected.status);
    c.res = answer(
      injected.status,
      injected.body ?? v1Error(codeForStatus(injected.status), `Injected ${injected.status}`),
    );
  };
}

/** Counts the operation a route performs. */
export function operation(sim: SimRuntime, name: string): MiddlewareHandler {
  return async (_c, next) => {
    sim.counters.operation(name);
    await next();
  };
}
