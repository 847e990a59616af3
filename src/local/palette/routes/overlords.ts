import { randomInt } from 'node:crypto';
import { Hono } from 'hono';
import { overlordView } from '../catalog-views';
import { notFound, refuse } from '../errors';
import { operation } from '../middleware';
import type { SimRuntime } from '../runtime';

const PAIRING_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CLOUD_TYPES = ['vsphere', 'maas', 'apache-cloudstack'];

/** `/v1/overlords`: gateways (one healthy with 3 nodes, one single-node with a stale heartbeat), pairing code. */
export function overlordRoutes(sim: SimRuntime): Hono {
  const app = new Hono();

  app.get('/', operation(sim, 'overlords'), (c) => {
    const name = c.req.query('name');
    const gateways = sim.catalog.gateways.filter((gateway) => !name || gateway.name === name);
    return c.json({ items: gateways.map((gateway) => overlordView(sim, gateway, sim.now())) }, 200);
  });

  app.get('/pairing/code', operation(sim, 'pairingCode'), (c) => {
    const cloudType = c.req.query('cloudType');
    if (cloudType !== undefined && !CLOUD_TYPES.includes(cloudType)) {
      return refuse(c, {
        status: 400,
        code: 'InvalidRequest',
        message: `cloudType must be one of ${CLOUD_TYPES.join(', ')}`,
      });
    }
    const code = Array.from({ length: 6 }, () => PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)]).join(
      '',
    );
    return c.json({ pairingCode: code }, 200);
  });

  app.get('/:uid', operation(sim, 'overlord'), (c) => {
    const gateway = sim.catalog.gateways.find((candidate) => candidate.uid === c.req.param('uid'));
    if (!gateway) return refuse(c, notFound('Overlord', c.req.param('uid')));
    return c.json(overlordView(sim, gateway, sim.now()), 200);
  });

  return app;
}
