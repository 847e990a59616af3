import { Hono } from 'hono';
import { locationsView } from '../features/locations';
import { operation } from '../middleware';
import type { SimRuntime } from '../runtime';

/** `/v1/users/assets/locations`: the tenant's backup locations. */
export function userRoutes(sim: SimRuntime): Hono {
  const app = new Hono();
  app.get('/assets/locations', operation(sim, 'locations'), (c) => c.json(locationsView(), 200));
  return app;
}
