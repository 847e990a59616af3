import type { SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { z } from 'zod';
import { decideAndApply } from '../../clusters/decide-apply';
import type { Deps } from '../../deps';
import { scopeOfRecord } from '../../teams/scope';
import { refusalAnswer } from '../blocks/answers';
import {
  CONFIRM_NAME_ACTION,
  CONFIRM_NAME_BLOCK,
  type DeleteConfirmMetadata,
  deletionRefusedView,
  deletionStartedView,
  wrongNameError,
} from '../blocks/delete';
import { describeWho, resolveActor } from '../roles';

const MetadataSchema = z.object({ clusterId: z.string().min(1).max(200), kind: z.enum(['delete', 'abort']) });

function readMetadata(text: string): DeleteConfirmMetadata | undefined {
  try {
    const parsed = MetadataSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The modal's answer when the cluster's record is gone. */
const UNKNOWN = 'This cluster is no longer known.';

/** What the modal's submission is answered with (Bolt's view ack). */
type SubmissionAnswer =
  | { response_action: 'errors'; errors: Record<string, string> }
  | { response_action: 'update'; view: ModalView };

/**
 * Starts the deletion the person confirmed: the typed name must match, then policy decides again (the cluster may
 * have changed since the modal opened) and ONE conditional transition records who and when; the `delete` job
 * sends Palette's delete. Nothing is sent to Palette from here.
 */
async function startConfirmedDeletion(
  deps: Deps,
  metadata: DeleteConfirmMetadata,
  userId: string,
  typed: string,
): Promise<SubmissionAnswer> {
  const { clusterId, kind } = metadata;
  const current = await deps.store.get(clusterId);
  if (!current) return { response_action: 'update', view: deletionRefusedView(kind, UNKNOWN) };
  if (typed !== current.name)
    return { response_action: 'errors', errors: { [CONFIRM_NAME_BLOCK]: wrongNameError(current.name) } };
  const { team } = scopeOfRecord(deps, current);
  const actor = await resolveActor(deps, userId, team);
  const outcome = await decideAndApply(deps, current, kind, actor, (_record, at) => ({
    event: kind === 'abort' ? 'abort-started' : 'delete-started',
    set: { deletingSince: at, deleteKind: kind, deletedBy: actor.userId },
  }));
  if (outcome.ok) {
    await deps.jobs.dispatch({ kind: 'delete', clusterId });
    return {
      response_action: 'update',
      view: deletionStartedView(outcome.record.name, kind, outcome.record.slack.channel),
    };
  }
  if (outcome.kind === 'refused') {
    const who = describeWho(team, outcome.refusal.allowedRoles ?? [], outcome.record.requester);
    return {
      response_action: 'update',
      view: deletionRefusedView(kind, refusalAnswer(outcome.refusal, who).text),
    };
  }
  return { response_action: 'update', view: deletionRefusedView(kind, UNKNOWN) };
}

/** The view_submission listener of the delete/abort confirmation modal. */
export function deleteConfirmSubmitted(deps: Deps) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction>) => {
    const metadata = readMetadata(view.private_metadata);
    if (!metadata) {
      await ack({
        response_action: 'errors',
        errors: { [CONFIRM_NAME_BLOCK]: 'This form is out of date: close it and run the command again.' },
      });
      return;
    }
    const entered = view.state.values[CONFIRM_NAME_BLOCK]?.[CONFIRM_NAME_ACTION]?.value;
    // A crafted payload may carry anything there: only text can match the name.
    const typed = typeof entered === 'string' ? entered.trim() : '';
    await ack(await startConfirmedDeletion(deps, metadata, body.user.id, typed));
  };
}
