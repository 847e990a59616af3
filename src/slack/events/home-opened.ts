import type { SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps';

/** A person opened the App Home tab: the worker re-publishes it (a `home` job), keeping the ack instant. */
export function homeOpened(deps: Deps) {
  return async ({ event }: SlackEventMiddlewareArgs<'app_home_opened'>) => {
    if (event.tab !== 'home') return;
    await deps.jobs.dispatch({ kind: 'home', userId: event.user });
  };
}
