import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { readBody } from '../body';
import {
  adminKubeconfig,
  BASE64_KUBECONFIG_LABEL,
  clusterProfilesView,
  notificationsView,
  repaveAt,
  repaveView,
  resolveUpdate,
  settleRepave,
  userKubeconfig,
} from '../care';
import { summaryView } from '../cluster-views';
import { notFound, refuse } from '../errors';
import { stateAt } from '../lifecycle';
import { operation } from '../middleware';
import type { ClusterRecord } from '../model';
import { page, pageRequest } from '../paging';
import type { SimRuntime } from '../runtime';

/** The cluster named in the path, or the 404 to answer. */
function clusterOf(sim: SimRuntime, c: Context): ClusterRecord | Response {
  const cluster = sim.store.get(c.req.param('uid') ?? '', sim.now());
  return cluster ?? refuse(c, notFound('SpectroCluster', c.req.param('uid') ?? ''));
}

/** A kubeconfig as Palette sends it: a download, plain or base64 (label `sim.kubeconfig-base64`). */
function download(
  c: Context,
  sim: SimRuntime,
  cluster: ClusterRecord,
  yaml: (cluster: ClusterRecord) => string,
) {
  if (stateAt(cluster, sim.now()) !== 'Running')
    return refuse(c, {
      status: 404,
      code: 'KubeconfigNotFound',
      message: `Kubeconfig of cluster '${cluster.name}' is not available yet`,
    });
  const text = yaml(cluster);
  const body = BASE64_KUBECONFIG_LABEL in cluster.labels ? Buffer.from(text).toString('base64') : text;
  return c.body(body, 200, {
    'content-type': 'application/octet-stream',
    'content-disposition': `attachment; filename=${cluster.name}.kubeconfig`,
  });
}

/** The profile patch body (v1SpectroClusterProfiles), as far as the simulator reads it. */
const ProfilesPatchSchema = z.object({
  profiles: z.array(z.object({ uid: z.string().optional() }).passthrough()),
});

/** `/v1/spectroclusters/{uid}/…` after Running: kubeconfigs, repave status and approval, attached profiles. */
export function afterRunningClusterRoutes(sim: SimRuntime): Hono {
  const app = new Hono();

  app.get('/:uid/assets/kubeconfig', operation(sim, 'kubeconfigUser'), (c) => {
    const cluster = clusterOf(sim, c);
    if (cluster instanceof Response) return cluster;
    const frp = c.req.query('frp') !== 'false';
    return download(c, sim, cluster, (found) => userKubeconfig(found, frp));
  });

  app.get('/:uid/assets/adminKubeconfig', operation(sim, 'kubeconfigAdmin'), (c) => {
    const cluster = clusterOf(sim, c);
    if (cluster instanceof Response) return cluster;
    return download(c, sim, cluster, adminKubeconfig);
  });

  app.get('/:uid/repave/status', operation(sim, 'repaveStatus'), (c) => {
    const cluster = clusterOf(sim, c);
    if (cluster instanceof Response) return cluster;
    return c.json(repaveView(cluster, sim.now()), 200);
  });

  app.patch('/:uid/repave/approve', operation(sim, 'repaveApprove'), (c) => {
    const cluster = clusterOf(sim, c);
    if (cluster instanceof Response) return cluster;
    const t = sim.now();
    const repave = repaveAt(cluster, t);
    if (!repave || repave.state === 'Reverted')
      return refuse(c, {
        status: 409,
        code: 'RepaveNotPending',
        message: `Cluster '${cluster.name}' has no repave waiting for approval`,
      });
    // Approving an approved repave changes nothing (Palette answers 204 again).
    settleRepave(cluster, 'Approved', t);
    sim.store.keepChanges();
    return c.body(null, 204);
  });

  app.get('/:uid/profiles', operation(sim, 'clusterProfiles'), (c) => {
    const cluster = clusterOf(sim, c);
    if (cluster instanceof Response) return cluster;
    return c.json(clusterProfilesView(sim.catalog, cluster), 200);
  });

  app.patch('/:uid/profiles', operation(sim, 'clusterProfilesPatch'), async (c) => {
    const cluster = clusterOf(sim, c);
    if (cluster instanceof Response) return cluster;
    const body = await readBody(c, sim, 'v1SpectroClusterProfiles', ProfilesPatchSchema);
    if (!body.ok) return body.response;
    const unknown = body.value.profiles.find(
      (profile) => profile.uid && !sim.catalog.profiles.some((known) => known.uid === profile.uid),
    );
    if (unknown?.uid) return refuse(c, notFound('ClusterProfile', unknown.uid));
    if (c.req.query('resolveNotification') === 'true') resolveUpdate(cluster);
    sim.store.keepChanges();
    return c.body(null, 204);
  });

  return app;
}

const REPAVE_STATES = ['Pending', 'Approved', 'Reverted'] as const;

/** `/v1/dashboard/spectroclusters/repaveStatus`: the clusters whose repave is in a state, paged. */
export function repaveListRoutes(sim: SimRuntime): Hono {
  const app = new Hono();
  app.get('/spectroclusters/repaveStatus', operation(sim, 'repaveList'), (c) => {
    const request = pageRequest(c.req.query());
    if ('status' in request) return refuse(c, request);
    const wanted = c.req.query('repaveState') ?? 'Pending';
    if (!(REPAVE_STATES as readonly string[]).includes(wanted))
      return refuse(c, {
        status: 400,
        code: 'InvalidRequest',
        message: `repaveState must be one of ${REPAVE_STATES.join(', ')}`,
      });
    const t = sim.now();
    const rows = sim.store
      .visible(t)
      .filter((cluster) => repaveAt(cluster, t)?.state === wanted)
      .sort((a, b) => a.name.localeCompare(b.name));
    const { items, listmeta } = page(rows, request);
    return c.json({ items: items.map((cluster) => summaryView(sim, cluster, t)), listmeta }, 200);
  });
  return app;
}

/** `/v1/notifications/{objectKind}/{objectUid}`: a cluster's notifications (profile updates on offer). */
export function notificationRoutes(sim: SimRuntime): Hono {
  const app = new Hono();
  app.get('/:kind/:uid', operation(sim, 'notifications'), (c) => {
    const kind = c.req.param('kind');
    if (kind !== 'spectrocluster')
      return c.json({ items: [], listmeta: { continue: '', count: 0, limit: 50, offset: 0 } }, 200);
    const cluster = clusterOf(sim, c);
    if (cluster instanceof Response) return cluster;
    return c.json(notificationsView(cluster, sim.now(), c.req.query('isDone') === 'true'), 200);
  });
  return app;
}
