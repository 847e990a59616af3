import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { Deps } from '../../deps';
import type { Actor } from '../../domain/policy';
import { ConflictError } from '../../store/port';
import { scopeOfRecord } from '../../teams/scope';
import { approvalRefusal, BUSY_ANSWER, DECISION_ATTEMPTS, MISSING_ANSWER } from '../actions/approval';
import {
  MAX_REASON_LENGTH,
  REASON_ACTION,
  REASON_BLOCK,
  type RejectReasonMetadata,
  rejectNoticeView,
} from '../blocks/reject-reason';
import { resolveActor } from '../roles';

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const MetadataSchema: z.ZodType<RejectReasonMetadata> = z.object({ clusterId: z.string().min(1).max(200) });

/** The cluster id the modal was opened for, or undefined when its metadata is not ours. */
function clusterIdOf(privateMetadata: string): string | undefined {
  try {
    return MetadataSchema.parse(JSON.parse(privateMetadata)).clusterId;
  } catch {
    return undefined;
  }
}

/**
 * The reject modal's submission: a reason is required; policy is asked again (the request may have been decided
 * or have expired since the click), then REJECTED with the reason as ONE conditional transition — a lost race is
 * re-read and decided again. The form then closes and the `decision` job updates the card and tells the requester;
 * a refusal replaces the form with why.
 */
export function rejectReasonSubmitted(deps: Deps) {
  return async ({ ack, body, view }: SubmitArgs) => {
    const tell = (text: string) => ack({ response_action: 'update', view: rejectNoticeView(text) });
    const clusterId = clusterIdOf(view.private_metadata);
    if (!clusterId) return tell('This form is out of date: click Reject on the card again.');
    const reason = (view.state.values[REASON_BLOCK]?.[REASON_ACTION]?.value ?? '').trim();
    if (!reason || reason.length > MAX_REASON_LENGTH)
      return ack({
        response_action: 'errors',
        errors: {
          [REASON_BLOCK]: reason
            ? `Keep the reason under ${MAX_REASON_LENGTH} characters.`
            : 'Say why, so the requester knows what to change.',
        },
      });
    let actor: Actor | undefined;
    for (let attempt = 0; attempt < DECISION_ATTEMPTS; attempt++) {
      const record = await deps.store.get(clusterId);
      if (!record) return tell(MISSING_ANSWER.text);
      actor ??= await resolveActor(deps, body.user.id, scopeOfRecord(deps, record).team);
      const refusal = approvalRefusal(deps, 'reject', actor, record);
      if (refusal) return tell(refusal.text);
      const at = deps.now().toISOString();
      try {
        await deps.store.apply(record, {
          event: 'rejected',
          by: actor.userId,
          at,
          set: { rejection: { userId: actor.userId, at, reason } },
        });
      } catch (error) {
        if (error instanceof ConflictError) continue;
        throw error;
      }
      await ack();
      await deps.jobs.dispatch({ kind: 'decision', clusterId });
      return;
    }
    return tell(BUSY_ANSWER.text);
  };
}
