import { Hono } from 'hono';
import { v1Error } from './errors';
import { authenticate, oneShots, projectScope, traffic } from './middleware';
import { afterRunningClusterRoutes, notificationRoutes, repaveListRoutes } from './routes/after-running';
import { cloudAccountRoutes } from './routes/cloudaccounts';
import { cloudConfigRoutes } from './routes/cloudconfigs';
import { clusterProfileRoutes } from './routes/clusterprofiles';
import { consoleRoutes } from './routes/console';
import { dashboardRoutes } from './routes/dashboard';
import { eventRoutes } from './routes/events';
import { featureRoutes } from './routes/features';
import { machineRoutes } from './routes/machines';
import { overlordRoutes } from './routes/overlords';
import { spectroclusterRoutes } from './routes/spectroclusters';
import { userRoutes } from './routes/users';
import type { SimRuntime } from './runtime';

/** The simulator's Hono app: Palette's REST API for every path of the spec subset. */
export function createSimulatorApp(sim: SimRuntime): Hono {
  const app = new Hono();
  // The console pages people open from Slack's links: no ApiKey (a browser has none), read-only.
  app.route('/', consoleRoutes(sim));
  app.use('/v1/*', traffic(sim), authenticate(sim), projectScope(sim), oneShots(sim));
  app.route('/v1/spectroclusters', spectroclusterRoutes(sim));
  app.route('/v1/spectroclusters', featureRoutes(sim));
  app.route('/v1/users', userRoutes(sim));
  app.route('/v1/cloudconfigs', machineRoutes(sim));
  app.route('/v1/spectroclusters', afterRunningClusterRoutes(sim));
  app.route('/v1/dashboard', repaveListRoutes(sim));
  app.route('/v1/notifications', notificationRoutes(sim));
  app.route('/v1/dashboard', dashboardRoutes(sim));
  app.route('/v1/events', eventRoutes(sim));
  app.route('/v1/cloudaccounts', cloudAccountRoutes(sim));
  app.route('/v1/cloudconfigs', cloudConfigRoutes(sim));
  app.route('/v1/overlords', overlordRoutes(sim));
  app.route('/v1/clusterprofiles', clusterProfileRoutes(sim));
  app.notFound((c) => c.json(v1Error('ResourceNotFound', `No such API: ${c.req.method} ${c.req.path}`), 404));
  // Never a stack trace or internal detail to the client.
  app.onError((_error, c) =>
    c.json(v1Error('InternalError', 'The simulator failed to handle this request'), 500),
  );
  return app;
}
