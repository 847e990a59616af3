import type { ClusterRecord } from '../../domain/cluster';
import { type Action, type Actor, decide, PERMISSIONS } from '../../domain/policy';
import { clusterNameProblem } from '../../domain/spec';
import { escapeText, truncate } from '../../domain/text';
import { type Answer, noticeAnswer } from '../blocks/answers';
import { refusalFor, resolveActor } from '../roles';
import type { CommandContext } from './types';

/** Either the go-ahead with what was looked up, or the answer that explains the refusal. */
export type Checked<T> = ({ ok: true } & T) | { ok: false; answer: Answer };

/**
 * Who is asking. Slack's user groups are listed only when the action's rule names roles: for actions anyone may
 * take `decide` never reads them, so the actor is given none.
 */
function actorOf(action: Action, { deps, slash }: CommandContext): Promise<Actor> {
  if (PERMISSIONS[action].roles === 'anyone')
    return Promise.resolve({ userId: slash.user_id, isApprover: false, isAdmin: false });
  return resolveActor(deps, slash.user_id);
}

/**
 * For commands about one cluster: finds it by name, resolves who is asking, and asks policy (`decide`). Refusals
 * come back as the answer to show — why, what to do instead, and who can.
 */
export async function checkClusterAction(
  action: Action,
  name: string,
  context: CommandContext,
): Promise<Checked<{ record: ClusterRecord; actor: Actor }>> {
  const { deps } = context;
  const record = clusterNameProblem(name) ? undefined : await deps.store.findByName(name);
  if (!record)
    return {
      ok: false,
      answer: noticeAnswer(
        `There is no cluster named \`${escapeText(truncate(name, 80))}\`; see \`/maas list\`.`,
      ),
    };
  const actor = await actorOf(action, context);
  const decision = decide(action, actor, record, deps.now(), deps.config.policy);
  if (!decision.ok)
    return {
      ok: false,
      answer: refusalFor(deps.config, decision, record.requester),
    };
  return { ok: true, record, actor };
}

/** For commands not about one cluster (list, gateway, pairing code): who is asking, and may they. */
export async function checkWorkspaceAction(
  action: Action,
  context: CommandContext,
): Promise<Checked<{ actor: Actor }>> {
  const { deps } = context;
  const actor = await actorOf(action, context);
  const decision = decide(action, actor, undefined, deps.now(), deps.config.policy);
  if (!decision.ok)
    return {
      ok: false,
      answer: refusalFor(deps.config, decision),
    };
  return { ok: true, actor };
}
