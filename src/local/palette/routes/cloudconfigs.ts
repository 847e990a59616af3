import { Hono } from 'hono';
import { readBody } from '../body';
import { cloudConfigView, machinesView } from '../cloud-config-views';
import { notFound, refuse } from '../errors';
import { operation } from '../middleware';
import { page, pageRequest } from '../paging';
import type { SimRuntime } from '../runtime';
import { MachinePoolSchema } from '../schemas';

/** `/v1/cloudconfigs/maas`: a cluster's cloud config, pool updates (resize) and the machines of a pool. */
export function cloudConfigRoutes(sim: SimRuntime): Hono {
  const app = new Hono();

  app.get('/maas/:configUid', operation(sim, 'cloudConfig'), (c) => {
    const t = sim.now();
    const cluster = sim.store.byConfig(c.req.param('configUid'), t);
    if (!cluster) return refuse(c, notFound('CloudConfig', c.req.param('configUid')));
    return c.json(cloudConfigView(sim, cluster, t), 200);
  });

  app.put('/maas/:configUid/machinePools/:name', operation(sim, 'machinePoolUpdate'), async (c) => {
    const body = await readBody(c, sim, 'v1MaasMachinePoolConfigEntity', MachinePoolSchema);
    if (!body.ok) return body.response;
    const outcome = sim.store.updatePool(
      c.req.param('configUid'),
      c.req.param('name'),
      body.value,
      sim.now(),
    );
    if (!outcome.ok) return refuse(c, outcome);
    return c.body(null, 204);
  });

  app.get('/maas/:configUid/machinePools/:name/machines', operation(sim, 'machines'), (c) => {
    const request = pageRequest(c.req.query());
    if ('status' in request) return refuse(c, request);
    const t = sim.now();
    const cluster = sim.store.byConfig(c.req.param('configUid'), t);
    if (!cluster) return refuse(c, notFound('CloudConfig', c.req.param('configUid')));
    const pool = cluster.pools.find((candidate) => candidate.name === c.req.param('name'));
    if (!pool) return refuse(c, notFound('MachinePool', c.req.param('name')));
    return c.json(page(machinesView(pool, t), request), 200);
  });

  return app;
}
