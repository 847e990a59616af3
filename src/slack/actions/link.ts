import type { SlackActionMiddlewareArgs } from '@slack/bolt';

/** Action ids of buttons that only open a URL start with `link:` (Slack still sends their clicks). */
export const LINK_ACTION = /^link:/;

/** A click on a link button: the browser opens the URL; the bot only acknowledges. */
export async function acknowledgeLink({ ack }: SlackActionMiddlewareArgs): Promise<void> {
  await ack();
}
