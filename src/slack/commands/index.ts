import type { App } from '@slack/bolt';
import type { Deps } from '../../deps';
import { MAAS_COMMAND, maasCommand } from './maas';

/** Registers the slash commands (one: `/maas`, routed by subcommand in maas.ts). */
export function registerCommands(app: App, deps: Deps): void {
  app.command(MAAS_COMMAND, maasCommand(deps));
}
