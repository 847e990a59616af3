/** What people read when the bot could not answer a request properly (a listener failed or never answered). */
export const FALLBACK_TEXT =
  ':warning: Sorry, that did not work: something went wrong on my side and nothing was changed. Please try again in a minute; if it keeps failing, tell the bot’s admins.';

/**
 * The 200 answer Slack gets when no listener acknowledged the request: an ephemeral note for a slash command, a
 * pushed notice for a modal submission (so the modal and what was typed stay underneath), no options for a
 * select menu, and an empty body for everything else. Slack shows a generic failure for any non-200, so the
 * person always gets this kinder answer instead.
 */
export function fallbackAnswer(body: Record<string, unknown>): Record<string, unknown> | undefined {
  if (typeof body.command === 'string') return { response_type: 'ephemeral', text: FALLBACK_TEXT };
  if (body.type === 'block_suggestion') return { options: [] };
  if (body.type === 'view_submission')
    return {
      response_action: 'push',
      view: {
        type: 'modal',
        title: { type: 'plain_text', text: 'Something went wrong' },
        close: { type: 'plain_text', text: 'Back' },
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: FALLBACK_TEXT } }],
      },
    };
  return undefined;
}
