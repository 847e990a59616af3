import type { Button } from '@slack/types';
import { truncate } from '../../domain/text';

/** What a button with Slack's confirm dialog says and does. */
export interface ConfirmedButton {
  actionId: string;
  value: string;
  /** The button's label (also the dialog's confirm button unless `confirmLabel` says otherwise). */
  label: string;
  style: 'primary' | 'danger';
  /** The dialog's title. */
  title: string;
  /** The dialog's text (mrkdwn; Slack's limit of 300 characters applies). */
  text: string;
  confirmLabel?: string;
}

/** A button Slack asks about before the bot hears of the click (the dialog says what happens and who may). */
export function confirmedButton(button: ConfirmedButton): Button {
  return {
    type: 'button',
    action_id: button.actionId,
    value: button.value,
    style: button.style,
    text: { type: 'plain_text', text: button.label },
    confirm: {
      title: { type: 'plain_text', text: button.title },
      text: { type: 'mrkdwn', text: truncate(button.text, 300) },
      confirm: { type: 'plain_text', text: button.confirmLabel ?? button.label },
      deny: { type: 'plain_text', text: 'Cancel' },
      ...(button.style === 'danger' ? { style: 'danger' as const } : {}),
    },
  };
}
