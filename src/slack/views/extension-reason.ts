import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { requestExtension } from '../../leases/extension';
import { scopeOfRecord } from '../../teams/scope';
import { section } from '../blocks/cluster-facts';
import {
  EXTENSION_REASON_ACTION,
  EXTENSION_REASON_BLOCK,
  type ExtensionReasonMetadata,
  MAX_EXTENSION_REASON,
} from '../blocks/extension';
import { refusalFor, resolveActor } from '../roles';

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const MetadataSchema: z.ZodType<ExtensionReasonMetadata> = z.object({
  clusterId: z.string().min(1).max(200),
  seconds: z.number().int().positive(),
});

function metadataOf(text: string): ExtensionReasonMetadata | undefined {
  try {
    return MetadataSchema.parse(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** A modal that only tells something, replacing the form. */
function noticeView(text: string): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'Longer lease' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [section(text)],
  };
}

/**
 * The extension reason's submission: a reason is required; policy and the maximum are asked again (the lease may
 * have moved since), then the request is recorded and the approvers get a card. Refusals replace the form with why.
 */
export function extensionReasonSubmitted(deps: Deps) {
  return async ({ ack, body, view }: SubmitArgs) => {
    const tell = (text: string) => ack({ response_action: 'update', view: noticeView(text) });
    const metadata = metadataOf(view.private_metadata);
    if (!metadata) return tell('This form is out of date: run `/maas extend` again.');
    const reason = (view.state.values[EXTENSION_REASON_BLOCK]?.[EXTENSION_REASON_ACTION]?.value ?? '').trim();
    if (!reason || reason.length > MAX_EXTENSION_REASON)
      return ack({
        response_action: 'errors',
        errors: {
          [EXTENSION_REASON_BLOCK]: reason
            ? `Keep the reason under ${MAX_EXTENSION_REASON} characters.`
            : 'Say why, so the approvers can decide.',
        },
      });
    const record = await deps.store.get(metadata.clusterId);
    if (!record) return tell('This cluster is no longer known.');
    const { team } = scopeOfRecord(deps, record);
    const actor = await resolveActor(deps, body.user.id, team);
    const outcome = await requestExtension(deps, record.id, actor, metadata.seconds, reason);
    if (outcome.ok)
      return tell(
        ':raised_hand: Sent to the approvers. Their decision will be posted in the cluster’s thread.',
      );
    if (outcome.kind === 'refused') return tell(refusalFor(team, outcome.refusal, record.requester).text);
    if (outcome.kind === 'nothing-to-do') return tell(`Not sent: ${outcome.reason}.`);
    return tell('This cluster is no longer known.');
  };
}
