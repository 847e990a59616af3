import type { ViewOutput } from '@slack/bolt';
import type { KnownBlock, PlainTextOption } from '@slack/types';
import { durationWords, type LeaseSettings, leaseChoices } from '../../../domain/lease';
import { fieldActionId } from '../../wizard/ids';

/** The Lease field's block and action ids on the review step. */
export const LEASE_BLOCK = 'wz.lease';
const LEASE_ACTION = fieldActionId('lease');
const NO_EXPIRY = 'none' as const;

/** A lease as the field offers it: seconds, or no expiry. */
export type LeaseChoice = number | 'none';

function option(choice: LeaseChoice, settings: LeaseSettings): PlainTextOption {
  const label =
    choice === NO_EXPIRY
      ? 'No expiry'
      : `${durationWords(choice)}${choice === settings.defaultSeconds ? ' (default)' : ''}`;
  return { text: { type: 'plain_text', text: label }, value: String(choice) };
}

/**
 * The Lease field: how long the cluster may run once it is Running — the team's standard choices up to its
 * maximum, its default (chosen to start with) and "No expiry" where the team allows it.
 */
export function leaseInput(settings: LeaseSettings): KnownBlock {
  const choices: LeaseChoice[] = [...leaseChoices(settings), ...(settings.noneAllowed ? [NO_EXPIRY] : [])];
  return {
    type: 'input',
    block_id: LEASE_BLOCK,
    label: { type: 'plain_text', text: 'Lease' },
    hint: {
      type: 'plain_text',
      text: 'Counted from when the cluster is Running. Reminders with Extend buttons come in its thread before the end; then it is deleted.',
    },
    element: {
      type: 'static_select',
      action_id: LEASE_ACTION,
      options: choices.map((choice) => option(choice, settings)),
      initial_option: option(settings.defaultSeconds, settings),
    },
  };
}

/** The lease chosen on a submitted review view (undefined: none chosen; the team's default applies). */
export function chosenLease(view: Pick<ViewOutput, 'state'>): LeaseChoice | undefined {
  const value = view.state?.values[LEASE_BLOCK]?.[LEASE_ACTION]?.selected_option?.value;
  if (value === NO_EXPIRY) return NO_EXPIRY;
  const seconds = Number(value);
  return Number.isInteger(seconds) && seconds > 0 ? seconds : undefined;
}
