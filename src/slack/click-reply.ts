import type { BlockAction, RespondFn } from '@slack/bolt';
import type { Deps } from '../deps';
import type { Answer } from './blocks/answers';

/** Answers only the person who clicked, where they clicked. */
export type ClickReply = (answer: Answer) => Promise<void>;

/** The thread a clicked message sits in, when it is a reply (Slack sends it as `container.thread_ts`). */
function threadOf(body: BlockAction): { channel: string; threadTs: string } | undefined {
  const container = body.container as { channel_id?: string; thread_ts?: string; is_ephemeral?: boolean };
  if (container.is_ephemeral || !container.channel_id || !container.thread_ts) return undefined;
  return { channel: container.channel_id, threadTs: container.thread_ts };
}

/**
 * Answers only the clicker, where the button is: on App Home by re-publishing their tab with the answer at its
 * top (a message would land in the app's Messages tab, out of view); for a button in a thread, with an ephemeral
 * message in that thread (a response_url's ephemeral would land at the bottom of the channel); else through the
 * click's response_url, under the message clicked; a click without one falls back to a DM.
 */
export function replyToClick(deps: Deps, body: BlockAction, respond: RespondFn | undefined): ClickReply {
  const userId = body.user.id;
  return async (answer) => {
    if (body.view?.type === 'home') {
      await deps.jobs.dispatch({ kind: 'home', userId, notice: answer.text });
      return;
    }
    const thread = threadOf(body);
    if (thread) {
      try {
        await deps.slack.chat.postEphemeral({
          channel: thread.channel,
          user: userId,
          thread_ts: thread.threadTs,
          text: answer.text,
          ...(answer.blocks ? { blocks: answer.blocks } : {}),
        });
        return;
      } catch (error) {
        deps.logger.warn('Could not answer in the thread; answering through the response URL', { error });
      }
    }
    if (body.response_url && respond) {
      await respond({ response_type: 'ephemeral', replace_original: false, ...answer });
      return;
    }
    await deps.slack.chat.postMessage({ channel: userId, ...answer });
  };
}
