import type { Deps } from '../../deps';
import type { ClusterRecord } from '../../domain/cluster';
import { renderCard, showCard } from '../../slack/card';
import { renderRequestMessage } from '../../slack/request-message';
import { type BotMessage, unreachableChannelCode } from '../../slack/thread';
import { scopeOfRecord } from '../../teams/scope';
import { scheduleExpiry } from '../expiry';
import type { JobHandler } from '../handler';
import { note, saveSlackPlaces } from '../note';
import { reviewFindings } from '../review-findings';

/** Posts a top-level message; resolves to where it landed (Slack answers a user id with the DM's channel id). */
async function post(
  deps: Deps,
  channel: string,
  message: BotMessage,
): Promise<{ channel: string; ts: string }> {
  const posted = await deps.slack.chat.postMessage({
    channel,
    text: message.text,
    ...(message.blocks ? { blocks: message.blocks } : {}),
    unfurl_links: false,
  });
  if (!posted.ts) throw new Error('Slack accepted the message without a ts.');
  return { channel: posted.channel ?? channel, ts: posted.ts };
}

/** Palette's dry-run, estimate and capacity, unless the wizard already stored them. */
async function withReview(deps: Deps, record: ClusterRecord): Promise<ClusterRecord> {
  if (record.review) return record;
  const review = await reviewFindings(deps, scopeOfRecord(deps, record).palette, record.spec);
  return note(deps, record, () => ({ review }), 'Palette reviewed the request.');
}

/**
 * The approval card in the team's approvals channel. A channel the bot cannot post in is a setup problem no retry
 * fixes: it is returned as the reason, for the requester's message to say.
 */
async function withCard(
  deps: Deps,
  record: ClusterRecord,
): Promise<{ record: ClusterRecord; problem?: string }> {
  if (record.slack.approvalTs) return { record };
  const channel = scopeOfRecord(deps, record).team.approvalChannel;
  try {
    const card = await post(deps, channel, await renderCard(deps, record));
    const saved = await saveSlackPlaces(
      deps,
      record,
      { approvalChannel: card.channel, approvalTs: card.ts },
      'Posted the approval card.',
    );
    return { record: saved };
  } catch (error) {
    const code = unreachableChannelCode(error);
    if (!code) throw error;
    deps.logger.error('Cannot post approval cards in the approvals channel: invite the bot there.', {
      channel,
      code,
    });
    return {
      record,
      problem: `I could not post the approval card in <#${channel}> (${code}): an admin needs to invite me there.`,
    };
  }
}

/**
 * The "request submitted" message, whose thread is the cluster's story: in the channel the request was made in,
 * or — when the bot cannot post there — in a DM to the requester. The channel actually used is recorded.
 */
async function withSubmittedMessage(
  deps: Deps,
  record: ClusterRecord,
  problem?: string,
): Promise<ClusterRecord> {
  if (record.slack.threadTs) return record;
  const base = problem ? { problem } : {};
  let posted: { channel: string; ts: string };
  try {
    posted = await post(deps, record.slack.channel, await renderRequestMessage(deps, record, base));
  } catch (error) {
    if (!unreachableChannelCode(error)) throw error;
    const fallback = await renderRequestMessage(deps, record, {
      ...base,
      unreachableChannel: record.slack.channel,
    });
    posted = await post(deps, record.requester, fallback);
  }
  return saveSlackPlaces(
    deps,
    record,
    { channel: posted.channel, threadTs: posted.ts },
    posted.channel === record.slack.channel
      ? 'Posted the request in its channel.'
      : 'Could not post in the request channel: posted to the requester instead.',
  );
}

/**
 * After a request is submitted: Palette's review (unless stored), the approval card, the "request submitted"
 * message linking to it, the card linked back to the thread, and the expiry schedule. Each step saves what it
 * posted at once, so a retry skips what is done.
 */
export const review: JobHandler<'review'> = async ({ clusterId }, deps) => {
  const stored = await deps.store.get(clusterId);
  if (stored?.state !== 'PENDING_APPROVAL') return;
  const reviewed = await withReview(deps, stored);
  const { record: carded, problem } = await withCard(deps, reviewed);
  const record = await withSubmittedMessage(deps, carded, problem);
  // Adds the thread link to the card, and shows any click that landed before the card's ts was saved.
  await showCard(deps, record);
  await scheduleExpiry(deps, record);
};
