import { ErrorCode, type WebAPIPlatformError } from '@slack/web-api';
import { noticeAnswer } from '../blocks/answers';
import { openCreateClusterWizard } from '../views/create-cluster';
import type { CommandHandler } from './types';

const slackErrorCode = (error: unknown) =>
  (error as { code?: unknown }).code === ErrorCode.PlatformError
    ? (error as WebAPIPlatformError).data.error
    : undefined;

/** `/maas create-cluster [NAME]`: opens the wizard inside the trigger window; anyone may request. */
export const createCluster: CommandHandler<'create-cluster'> = async (command, { deps, slash, client }) => {
  try {
    await openCreateClusterWizard({
      deps,
      client,
      triggerId: slash.trigger_id,
      userId: slash.user_id,
      channelId: slash.channel_id,
      ...(command.name ? { name: command.name } : {}),
    });
    return undefined;
  } catch (error) {
    const code = slackErrorCode(error);
    deps.logger.warn('Could not open the create-cluster modal', { code: code ?? 'network' });
    return noticeAnswer(
      code === 'expired_trigger_id'
        ? ':hourglass: Slack closed the window for opening the form before I could. Please run `/maas create-cluster` again.'
        : ':warning: I could not open the form just now. Please run `/maas create-cluster` again in a minute.',
    );
  }
};
