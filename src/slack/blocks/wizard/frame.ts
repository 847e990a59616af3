import type { ActionsBlock, KnownBlock, ModalView, SectionBlock } from '@slack/types';
import { escapeText, truncate } from '../../../domain/text';
import { previousStep, STEP_TITLES, STEPS, WIZARD_ACTIONS, WIZARD_CALLBACK_ID } from '../../wizard/ids';
import { encodeMeta, type WizardMeta } from '../../wizard/metadata';

/** Slack's longest section text. */
export const SECTION_TEXT = 3000;
/** What every wizard modal is titled (Slack allows 24 characters). */
export const WIZARD_TITLE = 'Create cluster';

/** A mrkdwn section (text is cut to Slack's limit). */
export function section(text: string, blockId?: string): SectionBlock {
  return {
    type: 'section',
    ...(blockId ? { block_id: blockId } : {}),
    text: { type: 'mrkdwn', text: truncate(text, SECTION_TEXT) },
  };
}

/** A warning shown at the top of a step (e.g. why the person was sent back here); the text is escaped. */
export function noticeSection(notice: string): SectionBlock {
  return section(`:warning: ${escapeText(notice)}`, 'wz.notice');
}

const backButton: ActionsBlock = {
  type: 'actions',
  block_id: 'wz.nav',
  elements: [{ type: 'button', action_id: WIZARD_ACTIONS.back, text: { type: 'plain_text', text: 'Back' } }],
};

/** What a step view is made of besides its own blocks. */
export interface WizardFrame {
  meta: WizardMeta;
  blocks: KnownBlock[];
  notice?: string;
  /** Set on review views, so a late findings update can find exactly this revision. */
  externalId?: string;
}

/**
 * The modal around a step: title, "Step n of 5", an optional notice, the step's blocks, Back (after step 1), the
 * draft's id and the step in private_metadata, and notify_on_close so a cancelled draft is deleted.
 */
export function wizardModal(frame: WizardFrame): ModalView {
  const { meta } = frame;
  const position = STEPS.indexOf(meta.step) + 1;
  return {
    type: 'modal',
    callback_id: WIZARD_CALLBACK_ID,
    title: { type: 'plain_text', text: WIZARD_TITLE },
    submit: { type: 'plain_text', text: meta.step === 'review' ? 'Submit request' : 'Next' },
    close: { type: 'plain_text', text: 'Cancel' },
    notify_on_close: true,
    private_metadata: encodeMeta(meta),
    ...(frame.externalId ? { external_id: frame.externalId } : {}),
    blocks: [
      {
        type: 'context',
        block_id: 'wz.step',
        elements: [
          { type: 'mrkdwn', text: `Step ${position} of ${STEPS.length} · *${STEP_TITLES[meta.step]}*` },
        ],
      },
      ...(frame.notice ? [noticeSection(frame.notice)] : []),
      ...frame.blocks,
      ...(previousStep(meta.step) ? [backButton] : []),
    ],
  };
}
