import type { Button, KnownBlock } from '@slack/types';
import type { ClusterRecord } from '../../domain/cluster';
import {
  durationWords,
  isTicking,
  type Lease,
  type LeaseSettings,
  leaseCeiling,
  leaseEndText,
  leaseSummary,
  pendingExtension,
} from '../../domain/lease';
import { escapeText } from '../../domain/text';
import type { BotMessage } from '../thread';
import { type Answer, noticeAnswer, plainMessage } from './answers';
import { mention, section } from './cluster-facts';

/** The action id of a reminder's Extend buttons (value: `{"clusterId","seconds"}`). */
export const LEASE_EXTEND_ACTION = 'lease-extend';
/** The action id of a reminder's Delete now button (value: the cluster id); it opens the delete confirmation. */
export const LEASE_DELETE_ACTION = 'lease-delete-now';

/** What an Extend button carries: the end it extends, so that a second click on the same reminder does nothing. */
export interface ExtendValue {
  clusterId: string;
  seconds: number;
  from: string;
}

function extendButton(clusterId: string, seconds: number, from: string): Button {
  const value: ExtendValue = { clusterId, seconds, from };
  return {
    type: 'button',
    action_id: `${LEASE_EXTEND_ACTION}-${seconds}`,
    value: JSON.stringify(value),
    text: { type: 'plain_text', text: `Extend ${durationWords(seconds)}` },
  };
}

/** "Lease: until Thu 10 Dec 18:00 UTC, in 3 d" — the line the card, the status and the Running notice show. */
export function leaseLine(lease: Lease | undefined, now: Date): string {
  return `:hourglass: Lease: ${leaseSummary(lease, now)}`;
}

/**
 * The reminder in the thread: mentions the requester, says when the cluster is deleted, with Extend buttons (only
 * those within the maximum) and Delete now.
 */
export function leaseReminderMessage(
  record: Pick<ClusterRecord, 'id' | 'name' | 'requester'>,
  endsAt: string,
  extensions: readonly number[],
  now: Date,
): BotMessage {
  const name = `*${escapeText(record.name)}*`;
  const extend =
    extensions.length > 0
      ? 'Extend it if you still need it'
      : `It cannot be extended further without approval: \`/maas extend ${record.name} 1d\` asks the approvers`;
  const text = `:alarm_clock: ${mention(record.requester)} ${name} will be deleted when its lease ends, ${leaseEndText(endsAt, now).replace(/^until /, 'at ')}. ${extend}, or delete it now if you are done.`;
  const buttons: Button[] = [
    ...extensions.map((seconds) => extendButton(record.id, seconds, endsAt)),
    {
      type: 'button',
      action_id: LEASE_DELETE_ACTION,
      value: record.id,
      style: 'danger',
      text: { type: 'plain_text', text: 'Delete now' },
    },
  ];
  const blocks: KnownBlock[] = [
    section(text),
    { type: 'actions', block_id: 'lease-reminder', elements: buttons },
  ];
  return { text, blocks };
}

/** The thread message when the lease ends: the bot deletes the cluster through the normal delete. */
export function leaseEndedMessage(record: Pick<ClusterRecord, 'name' | 'requester'>): BotMessage {
  return plainMessage(
    `:hourglass: ${mention(record.requester)} The lease of *${escapeText(record.name)}* has ended: I am deleting it now (Palette's normal delete; force delete stays available to admins if it gets stuck).`,
  );
}

/** The lease ended while the cluster was already being deleted: nothing more to do. */
export function leaseEndedWhileDeletingMessage(record: Pick<ClusterRecord, 'name'>): BotMessage {
  return plainMessage(
    `:hourglass: The lease of *${escapeText(record.name)}* has ended; it is already being deleted, so there is nothing more to do.`,
  );
}

/** The thread message of an extension: who, by how much, the new end. */
export function leaseExtendedMessage(
  record: Pick<ClusterRecord, 'name'>,
  by: string,
  seconds: number,
  endsAt: string,
  now: Date,
): BotMessage {
  return plainMessage(
    `:hourglass_flowing_sand: ${mention(by)} extended the lease of *${escapeText(record.name)}* by ${durationWords(seconds)}: it now runs ${leaseEndText(endsAt, now)}.`,
  );
}

/** The thread message when an admin sets the lease to no expiry. */
export function leaseKeptMessage(
  record: Pick<ClusterRecord, 'name'>,
  by: string,
  reason: string,
): BotMessage {
  return plainMessage(
    `:pushpin: ${mention(by)} set *${escapeText(record.name)}* to no expiry: ${escapeText(reason)}. It is not deleted automatically any more.`,
  );
}

/** The answer to the person who extended (an extension that happened is also told in the thread). */
export function extendedAnswer(name: string, endsAt: string, now: Date): Answer {
  return noticeAnswer(`:white_check_mark: *${escapeText(name)}* now runs ${leaseEndText(endsAt, now)}.`);
}

/** The extension would go beyond the team's maximum: the approvers decide (the command asks them, with a reason). */
export function beyondMaximumAnswer(name: string, endsAt: string, ceiling: string, now: Date): Answer {
  return noticeAnswer(
    `:raised_hand: Extending *${escapeText(name)}* ${leaseEndText(endsAt, now)} goes beyond its team's maximum (${leaseEndText(ceiling, now).replace(/^until /, 'at most until ')}). ` +
      `Run \`/maas extend ${name} DURATION\` to ask the approvers, with a short reason.`,
  );
}

/** The lease has no end to extend (kept, no expiry, or not running yet). */
export function noEndAnswer(name: string, reason: string): Answer {
  return noticeAnswer(
    `:information_source: *${escapeText(name)}* cannot be extended: ${escapeText(reason)}.`,
  );
}

/** `/maas lease NAME`: the lease, its maximum, the reminders and what can be done. */
export function leaseAnswer(
  record: Pick<ClusterRecord, 'name' | 'lease' | 'state'>,
  settings: LeaseSettings,
  now: Date,
): Answer {
  const name = `*${escapeText(record.name)}*`;
  const lines = [`${name} — ${leaseLine(record.lease, now).replace(':hourglass: ', '')}.`];
  const { lease } = record;
  const ceiling = lease && leaseCeiling(lease, settings);
  if (lease?.kept) lines.push(`Kept by ${mention(lease.kept.by)}: ${escapeText(lease.kept.reason)}`);
  else if (isTicking(lease)) {
    if (ceiling)
      lines.push(
        `Extensions without approval reach at most ${leaseEndText(ceiling, now).replace(/^until /, '')}.`,
      );
    lines.push(`Reminders come ${settings.reminderSeconds.map(durationWords).join(' and ')} before the end.`);
    lines.push(`Extend with \`/maas extend ${record.name} 1d\`; beyond the maximum the approvers decide.`);
  }
  const waiting = pendingExtension(lease);
  if (waiting) lines.push(`An extension by ${durationWords(waiting.seconds)} waits for the approvers.`);
  return noticeAnswer(lines.join('\n'));
}

/** The answer to an admin who kept a lease. */
export function keptAnswer(name: string): Answer {
  return noticeAnswer(`:pushpin: *${escapeText(name)}* now has no expiry.`);
}

/** A reminder's Extend clicked after its end had already moved (a second click, or someone else's). */
export function alreadyExtendedAnswer(name: string, endsAt: string | undefined, now: Date): Answer {
  const end = endsAt ? ` It now runs ${leaseEndText(endsAt, now)}.` : '';
  return noticeAnswer(
    `:information_source: The lease of *${escapeText(name)}* was already extended since this reminder.${end} Use \`/maas extend ${name} 1d\` to extend it more.`,
  );
}
