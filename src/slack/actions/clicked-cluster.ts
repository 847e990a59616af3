import type { BlockButtonAction, RespondFn } from '@slack/bolt';
import type { Deps } from '../../deps';
import type { ClusterRecord } from '../../domain/cluster';
import type { Actor } from '../../domain/policy';
import { scopeOfRecord, type TeamScope } from '../../teams/scope';
import { type Answer, noticeAnswer } from '../blocks/answers';
import { type ClickReply, replyToClick } from '../click-reply';
import { resolveActor } from '../roles';

/** A click on a button whose value is a cluster id: the record, its team's scope, who clicked, how to answer. */
export interface ClickedCluster {
  record: ClusterRecord;
  scope: TeamScope;
  actor: Actor;
  reply: ClickReply;
}

/** The answer to a click on a cluster the bot no longer knows. */
export const CLUSTER_GONE = noticeAnswer('This cluster is no longer known.');

/**
 * Reads the cluster a button is about and who clicked it, with the roles of the cluster's team; a cluster no
 * longer known is answered to the clicker with `gone` (undefined then). The cluster id is the button's value,
 * unless the listener read it from a richer value (`clusterId`; empty when that value could not be read).
 */
export async function clickedCluster(
  deps: Deps,
  body: BlockButtonAction,
  respond: RespondFn,
  options: { clusterId?: string; gone?: Answer } = {},
): Promise<ClickedCluster | undefined> {
  const reply = replyToClick(deps, body, respond);
  const record = await deps.store.get(options.clusterId ?? body.actions[0]?.value ?? '');
  if (!record) {
    await reply(options.gone ?? CLUSTER_GONE);
    return undefined;
  }
  const scope = scopeOfRecord(deps, record);
  return { record, scope, actor: await resolveActor(deps, body.user.id, scope.team), reply };
}
