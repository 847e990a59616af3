import { Hono } from 'hono';
import { iso } from '../clock';
import { refuse } from '../errors';
import { clusterEvents, type SimEvent } from '../events';
import { operation } from '../middleware';
import { page, pageRequest } from '../paging';
import type { SimRuntime } from '../runtime';

function eventView(event: SimEvent, cluster: { uid: string; name: string }) {
  return {
    metadata: {
      uid: event.uid,
      name: `${cluster.name}.${event.uid.slice(0, 8)}`,
      creationTimestamp: iso(event.at),
      lastModifiedTimestamp: iso(event.at),
    },
    involvedObject: event.involved,
    relatedObject: { kind: 'spectrocluster' as const, name: cluster.name, uid: cluster.uid },
    reason: event.reason,
    message: event.message,
    severity: event.severity,
    source: { component: event.component },
  };
}

/** `/v1/events`: a cluster's events, newest first, paged. */
export function eventRoutes(sim: SimRuntime): Hono {
  const app = new Hono();

  app.get('/components/:kind/:uid', operation(sim, 'events'), (c) => {
    const kind = c.req.param('kind');
    if (kind !== 'spectrocluster' && kind !== 'edgehost') {
      return refuse(c, {
        status: 400,
        code: 'InvalidRequest',
        message: 'objectKind must be spectrocluster or edgehost',
      });
    }
    const request = pageRequest(c.req.query());
    if ('status' in request) return refuse(c, request);
    const t = sim.now();
    // Palette keeps a deleted cluster's events; an unknown object just has none.
    const cluster = kind === 'spectrocluster' ? sim.store.ever(c.req.param('uid')) : undefined;
    const events = cluster ? clusterEvents(cluster, t, sim.pace) : [];
    const { items, listmeta } = page(events, request);
    return c.json({ items: cluster ? items.map((event) => eventView(event, cluster)) : [], listmeta }, 200);
  });

  return app;
}
