import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

/** A running local HTTP server. */
export interface RunningServer {
  /** `http://host:port`, no trailing slash. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves a fetch handler (a Hono app's `fetch`) on Node; port 0 picks a free port. Resolves once listening. */
export function serveHttp(
  fetch: (request: Request) => Response | Promise<Response>,
  options: { port?: number; host?: string } = {},
): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: options.port ?? 0, hostname: host }, (info: AddressInfo) => {
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
    server.once('error', reject);
  });
}
