import { createSlackHttp } from '../../../src/http/bot';
import { type RunningServer, serveHttp } from '../../../src/http/serve';
import type { LocalStack } from '../../../src/local/stack';
import { createPaletteClient } from '../../../src/palette/client';

/** Requests per second the tuned bot's Palette client allows itself, per prefix (the simulator has no limits). */
const UNPACED = 100_000;

/**
 * A second bot server over the stack's own parts (store, jobs, scheduler, Slack), whose Palette client does not
 * pace: thousands of generated commands can then read Palette (status, list, gateway) without waiting out
 * Palette's 10 rps dashboard limit. The stack's emulator is pointed at it; `close` points it back.
 */
export async function startUnpacedBot(stack: LocalStack): Promise<RunningServer> {
  const palette = createPaletteClient({
    apiUrl: stack.palette!.url,
    apiKey: stack.palette!.apiKey,
    limits: Object.fromEntries(
      [
        '*',
        '/v1/spectroclusters',
        '/v1/dashboard',
        '/v1/cloudaccounts',
        '/v1/cloudconfigs',
        '/v1/overlords',
      ].map((prefix) => [prefix, UNPACED]),
    ),
  });
  const deps = { ...stack.deps, palette };
  const server = await serveHttp(createSlackHttp(deps).http.fetch);
  stack.slack!.setBotEventsUrl(`${server.url}/slack/events`);
  return {
    ...server,
    close: async () => {
      stack.slack!.setBotEventsUrl(`${stack.url}/slack/events`);
      await server.close();
      await palette.close();
    },
  };
}
