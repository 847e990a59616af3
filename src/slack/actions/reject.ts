import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps';
import { rejectReasonView } from '../blocks/reject-reason';
import { openModal } from '../modal';
import { approvalRefusal, MISSING_ANSWER } from './approval';
import { clickedCluster } from './clicked-cluster';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * Reject on the card: policy at click time (approvers and admins, before expiry), then a modal asking for the
 * reason; the rejection itself happens when the modal is submitted (src/slack/views/reject-reason.ts), where
 * policy is asked again. Refusals go only to the clicker.
 */
export function rejectClicked(deps: Deps) {
  return async ({ ack, body, respond, client }: ButtonArgs) => {
    await ack();
    const clicked = await clickedCluster(deps, body, respond, { gone: MISSING_ANSWER });
    if (!clicked) return;
    const { record, actor, reply } = clicked;
    const refusal = approvalRefusal(deps, 'reject', actor, record);
    if (refusal) return reply(refusal);
    const notice = ':warning: I could not open the form just now; click Reject again.';
    const failed = await openModal(
      deps,
      () => client.views.open({ trigger_id: body.trigger_id, view: rejectReasonView(record) }),
      { log: 'Could not open the reject modal', expired: notice, other: notice },
    );
    if (failed) await reply(failed);
  };
}
