import { Hono } from 'hono';
import { profilePacksView, profileView, variablesView } from '../catalog-views';
import { notFound, refuse } from '../errors';
import { operation } from '../middleware';
import type { SimRuntime } from '../runtime';

/** `/v1/clusterprofiles`: a profile, its packs (with values.yaml) and its variables. */
export function clusterProfileRoutes(sim: SimRuntime): Hono {
  const app = new Hono();
  const find = (uid: string) => sim.catalog.profiles.find((profile) => profile.uid === uid);

  app.get('/:uid', operation(sim, 'profile'), (c) => {
    const profile = find(c.req.param('uid'));
    if (!profile) return refuse(c, notFound('ClusterProfile', c.req.param('uid')));
    return c.json(profileView(sim.catalog, profile), 200);
  });

  app.get('/:uid/packs', operation(sim, 'profilePacks'), (c) => {
    const profile = find(c.req.param('uid'));
    if (!profile) return refuse(c, notFound('ClusterProfile', c.req.param('uid')));
    return c.json({ items: profilePacksView(sim.catalog, profile) }, 200);
  });

  app.get('/:uid/variables', operation(sim, 'profileVariables'), (c) => {
    const profile = find(c.req.param('uid'));
    if (!profile) return refuse(c, notFound('ClusterProfile', c.req.param('uid')));
    return c.json(variablesView(profile), 200);
  });

  return app;
}
