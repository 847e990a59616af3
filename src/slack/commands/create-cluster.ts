import { scopeOfChannel } from '../../teams/scope';
import { noTeamAnswer } from '../blocks/teams';
import { openModal } from '../modal';
import { openCreateClusterWizard } from '../views/create-cluster';
import type { CommandHandler } from './types';

/**
 * `/maas create-cluster [NAME]`: opens the wizard inside the trigger window; anyone may request, in a channel of
 * a team (the request is the team's). Nothing slow comes before `views.open`: the team is a lookup in memory.
 */
export const createCluster: CommandHandler<'create-cluster'> = async (command, { deps, slash, client }) => {
  if (!scopeOfChannel(deps, slash.channel_id)) return noTeamAnswer(deps.config, slash.channel_id);
  return openModal(
    deps,
    () =>
      openCreateClusterWizard({
        deps,
        client,
        triggerId: slash.trigger_id,
        userId: slash.user_id,
        channelId: slash.channel_id,
        ...(command.name ? { name: command.name } : {}),
      }),
    {
      log: 'Could not open the create-cluster modal',
      expired:
        ':hourglass: Slack closed the window for opening the form before I could. Please run `/maas create-cluster` again.',
      other:
        ':warning: I could not open the form just now. Please run `/maas create-cluster` again in a minute.',
    },
  );
};
