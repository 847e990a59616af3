import type { WebClient } from '@slack/web-api';
import type { Deps } from '../../deps';
import { createClusterPlaceholderView } from '../blocks/create-cluster';

/** What opening the create-cluster wizard needs: the interaction's fresh trigger id and where it was asked. */
export interface OpenWizardRequest {
  deps: Deps;
  client: WebClient;
  /** Valid for 3 seconds from the slash command: call `views.open` before anything slow. */
  triggerId: string;
  userId: string;
  channelId: string;
  /** `/maas create-cluster NAME` pre-fills the name. */
  name?: string;
}

/**
 * HOOK for the create-cluster wizard (issue 4, item 3): open its first step here with `views.open`. Until the
 * wizard lands it opens a placeholder modal titled "Create cluster". Throws Slack's error when the view cannot be
 * opened (e.g. `expired_trigger_id`); the command tells the person.
 */
export async function openCreateClusterWizard(request: OpenWizardRequest): Promise<void> {
  await request.client.views.open({
    trigger_id: request.triggerId,
    view: createClusterPlaceholderView(request.name),
  });
}
