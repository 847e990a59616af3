import type { App } from '@slack/bolt';
import type { Deps } from '../../deps';

/**
 * Registers modal listeners (`app.view(callbackId, …)` for view_submission and view_closed). None yet: the
 * create-cluster wizard (its hook is `openCreateClusterWizard` in ./create-cluster) registers its steps here.
 */
export function registerViews(_app: App, _deps: Deps): void {}
