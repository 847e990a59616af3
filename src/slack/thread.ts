import type { KnownBlock } from '@slack/types';
import { ErrorCode, type WebAPIPlatformError, type WebClient } from '@slack/web-api';
import type { Deps } from '../deps';
import type { ClusterRecord } from '../domain/cluster';
import { MILESTONE_RESERVE, workspaceLimiter } from './limiter';

/** A message the bot posts or updates: text for notifications and screen readers, blocks for the layout. */
export interface BotMessage {
  text: string;
  blocks?: KnownBlock[];
}

/**
 * Posts in the cluster's thread — the replies under its "request submitted" message — or, when that message
 * could not be posted, in the request's channel. `broadcast` also shows the reply in the channel (milestones).
 * Resolves to the new message's ts.
 */
export async function postInThread(
  deps: Pick<Deps, 'slack'>,
  record: Pick<ClusterRecord, 'slack'>,
  message: BotMessage,
  options: { broadcast?: boolean } = {},
): Promise<string | undefined> {
  const { channel, threadTs } = record.slack;
  // Slack refuses an empty `blocks` list: a text-only message leaves it out.
  const content = message.blocks
    ? { channel, text: message.text, blocks: message.blocks, unfurl_links: false }
    : { channel, text: message.text, unfurl_links: false };
  const posted = await deps.slack.chat.postMessage(
    threadTs ? { ...content, thread_ts: threadTs, reply_broadcast: options.broadcast ?? false } : content,
  );
  return posted.ts;
}

/**
 * Replaces a message the bot posted earlier (a card, the status message, a notice). A `progress` edit is skipped
 * (resolves false) when Slack's budget for edits is short: the next poll shows the newest state, and the room is
 * left for milestones, which always go.
 */
export async function updateMessage(
  deps: Pick<Deps, 'slack' | 'config'>,
  place: { channel: string; ts: string },
  message: BotMessage,
  options: { progress?: boolean } = {},
): Promise<boolean> {
  if (
    options.progress &&
    !workspaceLimiter(deps.config.slack).hasSpare('chat.update', place.channel, MILESTONE_RESERVE)
  )
    return false;
  await deps.slack.chat.update({
    channel: place.channel,
    ts: place.ts,
    text: message.text,
    // An update without blocks replaces them with the text alone.
    blocks: message.blocks ?? [{ type: 'section', text: { type: 'mrkdwn', text: message.text } }],
  });
  return true;
}

/** Posts a channel's pace keeps for milestones when a progress post (an event line) asks for room. */
const PROGRESS_POST_RESERVE = 1;

/**
 * Whether a progress post in `channel` could go at once and leave room for a milestone in the channel's pace;
 * when not, the caller keeps it for later (merged with the next), so a burst of threads never queues behind it.
 */
export function roomForProgressPost(deps: Pick<Deps, 'config'>, channel: string): boolean {
  return workspaceLimiter(deps.config.slack).hasSpare('chat.postMessage', channel, PROGRESS_POST_RESERVE);
}

/** How long a once-only notice stays claimed: longer than any cluster's story. */
const NOTICE_CLAIM_SECONDS = 90 * 86_400;

/**
 * Posts in the cluster's thread once per `key` (claimed with `claimOnce` before posting, so a retried or duplicated
 * job never says it twice). Resolves to whether this call posted.
 */
export async function postInThreadOnce(
  deps: Pick<Deps, 'slack' | 'store'>,
  record: Pick<ClusterRecord, 'id' | 'slack'>,
  key: string,
  message: BotMessage,
  options: { broadcast?: boolean } = {},
): Promise<boolean> {
  const claim = `notice:${record.id}:${key}`;
  if (!(await deps.store.claimOnce(claim, NOTICE_CLAIM_SECONDS))) return false;
  try {
    await postInThread(deps, record, message, options);
  } catch (error) {
    // Slack answered and posted nothing (its rate, a refusal): the retry of the job may post it. A call whose
    // answer never came keeps the claim: it may have been posted, and a notice is never said twice.
    if (slackRefused(error)) await deps.store.releaseClaim(claim);
    throw error;
  }
  return true;
}

/** Permalinks kept at most per Slack client (a permalink never changes, so only the size needs a bound). */
const MAX_PERMALINKS = 1_000;

/** Permalinks already given, per WebClient (so per workspace and per test), keyed `channel:ts`. */
const permalinks = new WeakMap<WebClient, Map<string, string>>();

/**
 * A message's permalink, or undefined when Slack will not give one (links are a convenience, never a failure).
 * Remembered once given: cards are refreshed often and Home lists many, each asking for the same links.
 */
export async function permalinkOf(
  deps: Pick<Deps, 'slack' | 'logger'>,
  place: { channel: string; ts: string },
): Promise<string | undefined> {
  let known = permalinks.get(deps.slack);
  if (!known) {
    known = new Map();
    permalinks.set(deps.slack, known);
  }
  const key = `${place.channel}:${place.ts}`;
  const remembered = known.get(key);
  if (remembered !== undefined) return remembered;
  try {
    const answer = await deps.slack.chat.getPermalink({ channel: place.channel, message_ts: place.ts });
    if (answer.permalink !== undefined) {
      known.set(key, answer.permalink);
      if (known.size > MAX_PERMALINKS) known.delete(known.keys().next().value!);
    }
    return answer.permalink;
  } catch (error) {
    deps.logger.warn('Could not get a permalink', {
      error: error instanceof Error ? error.message : String(error),
    });
    return undefined;
  }
}

/** Slack's error code (`not_in_channel`…) of a failed Web API call, or undefined for other failures. */
export function slackErrorCode(error: unknown): string | undefined {
  return (error as { code?: unknown }).code === ErrorCode.PlatformError
    ? (error as WebAPIPlatformError).data.error
    : undefined;
}

/** Whether Slack answered a failed call (an error code, a 429, an HTTP error): what it was asked did not happen. */
export function slackRefused(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    code === ErrorCode.PlatformError || code === ErrorCode.RateLimitedError || code === ErrorCode.HTTPError
  );
}

/** Whether a failed call is over Slack's rate: refused with a 429, or its slot in the budget did not come in time. */
export function slackRateLimited(error: unknown): boolean {
  return (
    (error as { code?: unknown }).code === ErrorCode.RateLimitedError ||
    slackErrorCode(error) === 'ratelimited'
  );
}

/** Errors that mean the bot cannot post in a channel at all (not a member, gone, archived, restricted). */
const UNREACHABLE_CHANNEL = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'team_access_not_granted',
  'ekm_access_denied',
]);

/** Slack's code when `error` says the bot cannot post in that channel, else undefined. */
export function unreachableChannelCode(error: unknown): string | undefined {
  const code = slackErrorCode(error);
  return code && UNREACHABLE_CHANNEL.has(code) ? code : undefined;
}
