import type { App } from '@slack/bolt';
import type { Deps } from '../../deps';
import { registerWizardOptions } from './wizard';

/** Registers `external_select` option loaders (`app.options(actionId, …)`, block_suggestion). */
export function registerOptions(app: App, deps: Deps): void {
  registerWizardOptions(app, deps);
}
