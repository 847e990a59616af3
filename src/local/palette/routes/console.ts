import { type Context, Hono } from 'hono';
import { clusterPage, unknownClusterPage } from '../console-page';
import type { SimRuntime } from '../runtime';

/**
 * The console pages the bot links to ("Open in Palette"): `/projects/{project}/clusters/{uid}/overview` and the
 * tenant's `/admin/clusters/{uid}/overview`, as read-only HTML. A browser sends no ApiKey, so these are outside
 * the API's authentication — they show what any of the API's reads would, never more.
 */
export function consoleRoutes(sim: SimRuntime): Hono {
  const app = new Hono();
  const page = (c: Context, project?: string) => {
    const uid = c.req.param('uid') ?? '';
    const t = sim.now();
    const cluster = sim.store.get(uid, t);
    const visible = cluster && !cluster.system && (!project || !sim.projectUid || project === sim.projectUid);
    return visible ? c.html(clusterPage(sim, cluster, t)) : c.html(unknownClusterPage(uid), 404);
  };
  app.get('/projects/:project/clusters/:uid/overview', (c) => page(c, c.req.param('project')));
  app.get('/admin/clusters/:uid/overview', (c) => page(c));
  return app;
}
