import type { App } from '@slack/bolt';
import type { Deps } from '../../deps';
import { homeOpened } from './home-opened';

/** Registers Events API listeners. Add one: its file here, one line below. */
export function registerEvents(app: App, deps: Deps): void {
  app.event('app_home_opened', homeOpened(deps));
}
