import type { App } from '@slack/bolt';
import type { Deps } from '../../deps';

/**
 * Registers `external_select` option loaders (`app.options(actionId, …)`, block_suggestion). None yet: the
 * wizard's profile, account, domain and zone pickers register here.
 */
export function registerOptions(_app: App, _deps: Deps): void {}
