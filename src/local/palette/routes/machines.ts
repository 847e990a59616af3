import type { Context } from 'hono';
import { Hono } from 'hono';
import { readBody } from '../body';
import { machinesView } from '../cloud-config-views';
import { notFound, refuse } from '../errors';
import { MaintenanceSchema } from '../features/schemas';
import { machinesAt } from '../lifecycle';
import { operation } from '../middleware';
import type { SimRuntime } from '../runtime';

/** `/v1/cloudconfigs/…/machines/{machineUid}`: one machine of a pool, and cordoning it for maintenance. */
export function machineRoutes(sim: SimRuntime): Hono {
  const app = new Hono();

  /** The pool and the machine of the path at `t`, or the 404 answered. */
  const machineOf = (c: Context, t: number) => {
    const cluster = sim.store.byConfig(c.req.param('configUid') ?? '', t);
    if (!cluster) return refuse(c, notFound('CloudConfig', c.req.param('configUid') ?? ''));
    const pool = cluster.pools.find((candidate) => candidate.name === c.req.param('name'));
    if (!pool) return refuse(c, notFound('MachinePool', c.req.param('name') ?? ''));
    const node = machinesAt(pool, t).find((candidate) => candidate.uid === c.req.param('machineUid'));
    if (!node) return refuse(c, notFound('Machine', c.req.param('machineUid') ?? ''));
    return { pool, node };
  };

  app.get('/maas/:configUid/machinePools/:name/machines/:machineUid', operation(sim, 'machine'), (c) => {
    const t = sim.now();
    const found = machineOf(c, t);
    if (found instanceof Response) return found;
    const view = machinesView(found.pool, t).find((machine) => machine.metadata.uid === found.node.uid);
    return c.json(view, 200);
  });

  app.put(
    '/:cloudType/:configUid/machinePools/:name/machines/:machineUid/maintenance',
    operation(sim, 'machineMaintenance'),
    async (c) => {
      if (c.req.param('cloudType') !== 'maas') {
        return refuse(c, {
          status: 400,
          code: 'InvalidCloudType',
          message: `Cloud type '${c.req.param('cloudType')}' does not match the cloud config (maas)`,
        });
      }
      const body = await readBody(c, sim, 'v1MachineMaintenance', MaintenanceSchema);
      if (!body.ok) return body.response;
      const t = sim.now();
      const found = machineOf(c, t);
      if (found instanceof Response) return found;
      found.node.maintenance = { action: body.value.action, at: t };
      sim.store.keepChanges();
      return c.body(null, 204);
    },
  );

  return app;
}
