import type { SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Deps } from '../../deps';
import type { Command } from '../../domain/command';
import type { Answer } from '../blocks/answers';

/** What a subcommand handler gets besides its parsed command. */
export interface CommandContext {
  deps: Deps;
  /** The slash command as Slack sent it (user, channel, trigger_id…). */
  slash: SlashCommand;
  /** Bolt's client for this request. */
  client: WebClient;
}

/** Handles one `/maas` subcommand; its answer is shown only to the person (ephemeral), nothing = no message. */
export type CommandHandler<K extends Command['kind']> = (
  command: Extract<Command, { kind: K }>,
  context: CommandContext,
) => Promise<Answer | undefined>;
