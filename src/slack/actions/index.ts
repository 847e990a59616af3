import type { App } from '@slack/bolt';
import type { Deps } from '../../deps';
import { acknowledgeLink, LINK_ACTION } from './link';

/** Registers block action listeners (buttons, selects, overflow menus). Add one: its file here, one line below. */
export function registerActions(app: App, _deps: Deps): void {
  app.action(LINK_ACTION, acknowledgeLink);
}
