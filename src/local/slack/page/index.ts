import type { Hono } from 'hono';
import type { SlackEmulator } from '../emulator';
import { buildPageAssets } from './assets';
import { mountPageRoutes } from './routes';

/** The Slack workspace web page: mounted on the emulator's server, connected once the emulator runs. */
export interface PlaygroundPage {
  /** Adds the page and its routes to the emulator's server (pass as `LocalStackOptions.extendSlack`). */
  mount(app: Hono): void;
  /** Connects the page to the running emulator; until then its requests answer 503. */
  attach(emulator: SlackEmulator): void;
}

/** Builds the page (bundling its script) and returns it, ready to mount. */
export async function createPlaygroundPage(): Promise<PlaygroundPage> {
  const assets = await buildPageAssets();
  let emulator: SlackEmulator | undefined;
  return {
    mount: (app) => mountPageRoutes(app, assets, () => emulator),
    attach: (running) => {
      emulator = running;
    },
  };
}
