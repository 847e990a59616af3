import type { ModalView } from '@slack/types';
import { escapeText, truncate } from '../../../domain/text';
import { WIZARD_DONE_CALLBACK_ID } from '../../wizard/ids';
import { section, WIZARD_TITLE } from './frame';

/** A closing modal with one message (no inputs, so no submit button). */
function closingView(text: string): ModalView {
  return {
    type: 'modal',
    callback_id: WIZARD_DONE_CALLBACK_ID,
    title: { type: 'plain_text', text: WIZARD_TITLE },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [section(text)],
  };
}

/** Shown once the request is stored: what happens next, and where. */
export function requestSubmittedView(name: string, channel: string): ModalView {
  const where = /^[CG]/.test(channel) ? `<#${channel}> (or in a DM if I cannot post there)` : 'our DM';
  return closingView(
    `:white_check_mark: *${escapeText(truncate(name, 80))}* is requested and waits for approval. I’ll post the request and its progress in ${where}.`,
  );
}

/** Shown when the channel the wizard was started in belongs to no team any more (the teams file changed). */
export function wizardNoTeamView(channel: string): ModalView {
  return closingView(
    `:no_entry_sign: <#${channel}> no longer belongs to a team, so this request has no approvers. Run \`/maas create-cluster\` in your team’s channel (\`/maas help\` there says which team it is).`,
  );
}

/** Shown when the wizard's draft is gone (expired after a day, finished, or not this person's). */
export function wizardGoneView(): ModalView {
  return closingView(
    ':hourglass: This form is no longer open (it expired or was already sent). Run `/maas create-cluster` to start again.',
  );
}
