import type { Button, KnownBlock } from '@slack/types';
import type { ClusterRecord, Leftovers } from '../../domain/cluster';
import { escapeText, truncate } from '../../domain/text';
import { formatUtc } from '../../domain/time';
import type { BotMessage } from '../thread';
import { type Answer, noticeAnswer, plainMessage } from './answers';
import { context, mention, section } from './cluster-facts';
import { confirmedButton } from './confirmed-button';

/** The action id of the Force delete button (in the thread notice and in `/maas force-delete`'s answer). */
export const FORCE_DELETE_ACTION = 'force-delete';

/** How many machines a message lists before it says "and N more" (keeps a section under 3,000 characters). */
const MACHINES_SHOWN = 25;

/** The warning every force-delete surface shows: Palette stops waiting, and MAAS clean-up is by hand. */
const CLEAN_UP_WARNING =
  'Force delete removes the cluster from Palette without waiting for its machines to be released. ' +
  '*Cloud resources left behind must be cleaned up by hand*: release these machines in MAAS afterwards.';

/** The machines still allocated, one line each, as a mrkdwn list. */
export function leftoverLines(leftovers: Leftovers): string {
  if ('unknown' in leftovers)
    return `:grey_question: I could not list the machines still allocated: ${escapeText(truncate(leftovers.unknown, 300))}. Check the cluster's machines in MAAS.`;
  const { machines } = leftovers;
  const total = leftovers.total ?? machines.length;
  if (total === 0) return 'Palette lists no MAAS machines still allocated to this cluster.';
  const lines = machines.slice(0, MACHINES_SHOWN).map((machine) => {
    const host = escapeText(truncate(machine.hostname ?? machine.name, 80));
    const state = machine.state ? `, ${escapeText(truncate(machine.state, 40))}` : '';
    return `• \`${host}\` (pool ${escapeText(truncate(machine.pool, 63))}${state})`;
  });
  const more = total - lines.length;
  if (more > 0) lines.push(`…and ${more} more: see the cluster's machines in MAAS.`);
  return `MAAS machines still allocated (${total}):\n${lines.join('\n')}`;
}

/** The Force delete button, with Slack's confirm dialog carrying the clean-up warning. */
export function forceDeleteButton(cluster: { id: string; name: string }): Button {
  return confirmedButton({
    actionId: FORCE_DELETE_ACTION,
    value: cluster.id,
    label: 'Force delete',
    style: 'danger',
    title: 'Force delete?',
    // Slack shows this dialog before the bot hears of the click, so it says who may force delete.
    text: `Palette will drop *${escapeText(cluster.name)}* at once. Machines it has not released stay allocated in MAAS until someone releases them by hand. Only admins can force delete; anyone else is refused.`,
  });
}

interface OfferFacts {
  cluster: { id: string; name: string };
  deletingSince: string;
  leftovers: Leftovers;
  /** Who can press the button, as `describeWho` names them. */
  admins?: string;
}

function offerBlocks(intro: string, facts: OfferFacts): KnownBlock[] {
  return [
    section(intro),
    section(`:warning: ${CLEAN_UP_WARNING}`),
    section(leftoverLines(facts.leftovers)),
    { type: 'actions', block_id: 'force-delete', elements: [forceDeleteButton(facts.cluster)] },
    context(`Only admins can force delete${facts.admins ? `: ${facts.admins}` : ''}.`),
  ];
}

/** The thread notice posted when the force-delete window opens and the cluster is still deleting. */
export function forceDeleteNotice(facts: OfferFacts, now: Date): BotMessage {
  const name = escapeText(facts.cluster.name);
  const since = formatUtc(new Date(facts.deletingSince), now);
  const text = `:hourglass: *${name}* has been deleting since ${since} and Palette has not finished. Admins can now force delete it.`;
  return { text, blocks: offerBlocks(text, facts) };
}

/** `/maas force-delete NAME`'s answer to an admin once the window is open: the warning, machines and button. */
export function forceDeleteOffer(facts: OfferFacts, now: Date): Answer {
  const name = escapeText(facts.cluster.name);
  const since = formatUtc(new Date(facts.deletingSince), now);
  const text = `*${name}* has been deleting since ${since}. Press Force delete to have Palette drop it now.`;
  return { text, blocks: offerBlocks(text, facts) };
}

/**
 * The notice once an admin pressed Force delete: the button and the list are gone — the machines left are listed
 * once, in the message that follows it (`forceDeleteSentMessage`).
 */
export function forceDeleteNoticeUsed(
  facts: { name: string; by: string; at: string },
  now: Date,
): BotMessage {
  const text = `:boom: ${mention(facts.by)} force-deleted *${escapeText(facts.name)}* at ${formatUtc(new Date(facts.at), now)}.`;
  return {
    text,
    blocks: [section(text), context('The machines it left allocated in MAAS are listed below.')],
  };
}

/** The answer that replaces `/maas force-delete`'s offer once the button was pressed. */
export function forceDeleteRequestedAnswer(name: string): Answer {
  return noticeAnswer(
    `:boom: Force delete of *${escapeText(name)}* sent. I post in its thread when Palette has dropped it.`,
  );
}

/** The thread message as the force delete is sent: who, and the machines to release by hand (listed once). */
export function forceDeleteSentMessage(facts: {
  name: string;
  by: string;
  leftovers: Leftovers;
}): BotMessage {
  const text = `:boom: ${mention(facts.by)} force-deleted *${escapeText(facts.name)}*: I am asking Palette to drop it without waiting for its machines.`;
  return {
    text,
    blocks: [section(text), section(`:broom: Clean up by hand. ${leftoverLines(facts.leftovers)}`)],
  };
}

/** The thread message when Palette refused the force delete (its message, as written). */
export function forceDeleteRefusedMessage(name: string, paletteMessage: string): BotMessage {
  return plainMessage(
    `:x: Palette refused to force delete *${escapeText(name)}*: ${escapeText(truncate(paletteMessage, 500))}`,
  );
}

/** Why a second Force delete does nothing: who sent the first one, and when. */
export function forceDeleteAlreadySent(
  record: Pick<ClusterRecord, 'name' | 'forceDeleteAt' | 'forceDeleteBy'>,
  now: Date,
): string {
  const when = record.forceDeleteAt ? ` at ${formatUtc(new Date(record.forceDeleteAt), now)}` : '';
  const who = record.forceDeleteBy ? ` by ${mention(record.forceDeleteBy)}` : '';
  return `Force delete of "${record.name}" was already sent${who}${when}; I post in its thread when Palette has dropped it.`;
}
