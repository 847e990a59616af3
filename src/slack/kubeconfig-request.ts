import type { Deps } from '../deps';
import type { ClusterRecord } from '../domain/cluster';
import type { Actor } from '../domain/policy';
import type { Answer } from './blocks/answers';
import { kubeconfigAnswer } from './blocks/kubeconfig';

/**
 * A kubeconfig request policy allowed (`/maas kubeconfig NAME` or the Running notice's button): with `dm`
 * delivery the `kubeconfig` job sends the file (Palette is read there, not within Slack's 3 seconds); the answer
 * says what happens, and tells an admin where the admin kubeconfig is. `requestId` (the trigger id) makes Slack's
 * retries of the same request one DM.
 */
export async function requestKubeconfig(
  deps: Pick<Deps, 'config' | 'jobs'>,
  record: ClusterRecord,
  actor: Actor,
  requestId: string,
): Promise<Answer> {
  if (deps.config.kubeconfigDelivery === 'dm')
    await deps.jobs.dispatch({ kind: 'kubeconfig', clusterId: record.id, userId: actor.userId, requestId });
  return kubeconfigAnswer(deps.config, record, actor.isAdmin);
}
