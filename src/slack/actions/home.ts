import type { BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps';

/** Refresh on the App Home tab: the worker re-publishes it (a `home` job), keeping the ack instant. */
export function homeRefreshClicked(deps: Deps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
    await ack();
    await deps.jobs.dispatch({ kind: 'home', userId: body.user.id });
  };
}
