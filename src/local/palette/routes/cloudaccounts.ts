import { Hono } from 'hono';
import { accountView, subnetsView, tagsView } from '../catalog-views';
import { notFound, refuse } from '../errors';
import { operation } from '../middleware';
import { page, pageRequest } from '../paging';
import type { SimRuntime } from '../runtime';
import type { SeedAccount } from '../seed';

const PROPERTIES: Record<string, (account: SeedAccount) => unknown[]> = {
  azs: (account) => account.zones,
  domains: (account) => account.domains.map((name) => ({ name })),
  resourcePools: (account) => account.resourcePools,
  subnets: subnetsView,
  tags: tagsView,
};

/** `/v1/cloudaccounts/maas`: MAAS accounts and what their MAAS offers (zones, domains, pools, subnets, tags). */
export function cloudAccountRoutes(sim: SimRuntime): Hono {
  const app = new Hono();
  const find = (uid: string) => sim.catalog.accounts.find((account) => account.uid === uid);

  app.get('/maas', operation(sim, 'accounts'), (c) => {
    const request = pageRequest(c.req.query());
    if ('status' in request) return refuse(c, request);
    const { items, listmeta } = page(sim.catalog.accounts, request);
    return c.json({ items: items.map(accountView), listmeta }, 200);
  });

  app.get('/maas/:uid', operation(sim, 'account'), (c) => {
    const account = find(c.req.param('uid'));
    if (!account) return refuse(c, notFound('CloudAccount', c.req.param('uid')));
    return c.json(accountView(account), 200);
  });

  for (const [property, view] of Object.entries(PROPERTIES)) {
    app.get(`/maas/:uid/properties/${property}`, operation(sim, property), (c) => {
      const account = find(c.req.param('uid'));
      if (!account) return refuse(c, notFound('CloudAccount', c.req.param('uid')));
      return c.json({ items: view(account) }, 200);
    });
  }

  return app;
}
