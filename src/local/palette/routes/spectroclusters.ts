import { Hono } from 'hono';
import { readBody } from '../body';
import { kubeconfigView, spectroClusterView, statusView } from '../cluster-views';
import { profileRefusal, resolveReferences, validateCluster } from '../constraints';
import { notFound, refuse } from '../errors';
import { stateAt } from '../lifecycle';
import { operation } from '../middleware';
import { estimateRate, PERIOD_HOURS, type PeriodType } from '../rate';
import type { SimRuntime } from '../runtime';
import { MaasClusterSchema, MaasRateSchema, ResourceName } from '../schemas';

function isPeriod(value: string): value is PeriodType {
  return value in PERIOD_HOURS;
}

/** `/v1/spectroclusters`: create, dry-run, estimate, name check, get, status, kubeconfig, delete. */
export function spectroclusterRoutes(sim: SimRuntime): Hono {
  const app = new Hono();

  app.post('/maas', operation(sim, 'create'), async (c) => {
    const body = await readBody(c, sim, 'v1SpectroMaasClusterEntity', MaasClusterSchema);
    if (!body.ok) return body.response;
    const references = resolveReferences(sim.catalog, body.value);
    if ('status' in references) return refuse(c, references);
    const profileProblem = profileRefusal(body.value, references.profiles);
    if (profileProblem) return refuse(c, profileProblem);
    const outcome = sim.store.create(body.value, references.account, sim.now());
    if (!outcome.ok) return refuse(c, outcome);
    return c.json({ uid: outcome.value.uid }, 201);
  });

  app.post('/maas/validate', operation(sim, 'validate'), async (c) => {
    const body = await readBody(c, sim, 'v1SpectroMaasClusterEntity', MaasClusterSchema);
    if (!body.ok) return body.response;
    const references = resolveReferences(sim.catalog, body.value);
    if ('status' in references) return refuse(c, references);
    return c.json(validateCluster(references.account, references.profiles, body.value), 200);
  });

  app.post('/maas/rate', operation(sim, 'rate'), async (c) => {
    const period = c.req.query('periodType') ?? 'hourly';
    if (!isPeriod(period)) {
      return refuse(c, {
        status: 400,
        code: 'InvalidRequest',
        message: 'periodType must be hourly, monthly or yearly',
      });
    }
    const body = await readBody(c, sim, 'v1SpectroMaasClusterRateEntity', MaasRateSchema);
    if (!body.ok) return body.response;
    return c.json(estimateRate(body.value, period), 200);
  });

  app.get('/validate/name', operation(sim, 'validateName'), (c) => {
    const name = c.req.query('name') ?? '';
    if (name === '')
      return refuse(c, { status: 400, code: 'InvalidRequest', message: 'query parameter name is required' });
    const checked = ResourceName.safeParse(name);
    if (!checked.success) {
      const message = `Cluster name '${name}' ${checked.error.issues[0]?.message ?? 'is invalid'}`;
      return refuse(c, { status: 400, code: 'InvalidName', message });
    }
    if (sim.store.nameInUse(name, sim.now())) {
      return refuse(c, {
        status: 409,
        code: 'ClusterNameAlreadyExists',
        message: `Cluster name '${name}' already exists`,
      });
    }
    return c.body(null, 204);
  });

  app.get('/:uid', operation(sim, 'get'), (c) => {
    const t = sim.now();
    const cluster = sim.store.get(c.req.param('uid'), t);
    if (!cluster) return refuse(c, notFound('SpectroCluster', c.req.param('uid')));
    return c.json(spectroClusterView(sim, cluster, t), 200);
  });

  app.get('/:uid/status', operation(sim, 'status'), (c) => {
    const t = sim.now();
    const cluster = sim.store.get(c.req.param('uid'), t);
    if (!cluster) return refuse(c, notFound('SpectroCluster', c.req.param('uid')));
    return c.json(statusView(cluster, t), 200);
  });

  app.get('/:uid/assets/kubeconfigclient', operation(sim, 'kubeconfig'), (c) => {
    const t = sim.now();
    const cluster = sim.store.get(c.req.param('uid'), t);
    if (!cluster) return refuse(c, notFound('SpectroCluster', c.req.param('uid')));
    if (stateAt(cluster, t) !== 'Running') {
      return refuse(c, {
        status: 404,
        code: 'KubeconfigNotFound',
        message: `Kubeconfig of cluster '${cluster.name}' is not available yet`,
      });
    }
    return c.body(kubeconfigView(cluster), 200, { 'content-type': 'application/octet-stream' });
  });

  app.delete('/:uid', async (c) => {
    const force = c.req.query('forceDelete');
    if (force !== undefined && force !== 'true' && force !== 'false') {
      return refuse(c, { status: 400, code: 'InvalidRequest', message: 'forceDelete must be true or false' });
    }
    sim.counters.operation(force === 'true' ? 'forceDelete' : 'delete');
    const outcome = sim.store.delete(c.req.param('uid'), force === 'true', sim.now());
    if (!outcome.ok) return refuse(c, outcome);
    return c.body(null, 204);
  });

  return app;
}
