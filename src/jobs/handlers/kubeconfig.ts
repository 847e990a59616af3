import { applyFresh } from '../../clusters/decide-apply';
import { decide } from '../../domain/policy';
import { kubeconfigComment, kubeconfigFilename, kubeconfigNotSent } from '../../slack/blocks/kubeconfig';
import { refusalFor, resolveActor } from '../../slack/roles';
import { scopeOfRecord } from '../../teams/scope';
import type { JobHandler } from '../handler';

/** How long a request's DM is remembered as sent (Slack and Lambda retries come within minutes). */
const SENT_CLAIM_SECONDS = 24 * 3600;

/**
 * Sends the users' kubeconfig (`…/assets/kubeconfig`, in the cluster's project) to the person as a file in their
 * DM with the bot, through Slack's upload flow (`filesUploadV2`: files.getUploadURLExternal, the upload,
 * files.completeUploadExternal). Policy is asked again (the cluster may have left RUNNING since the click);
 * Palette is read BEFORE the send is claimed, so a Palette failure retries the job and a claimed send happens
 * once per request. The content is never logged, never in a channel; the history says "kubeconfig sent to @x".
 */
export const kubeconfigJob: JobHandler<'kubeconfig'> = async (job, deps) => {
  const record = await deps.store.get(job.clusterId);
  if (!record?.paletteUid) return;
  const scope = scopeOfRecord(deps, record);
  const actor = await resolveActor(deps, job.userId, scope.team);
  const dm = await deps.slack.conversations.open({ users: job.userId });
  const channel = dm.channel?.id;
  if (!channel) throw new Error('Slack opened no DM channel for the kubeconfig.');
  const decision = decide('kubeconfig', actor, record, deps.now(), scope.policy);
  if (!decision.ok) {
    if (await deps.store.claimOnce(`kubeconfig:${record.id}:${job.requestId}`, SENT_CLAIM_SECONDS))
      await deps.slack.chat.postMessage({
        channel,
        ...kubeconfigNotSent(record, refusalFor(scope.team, decision, record.requester).text),
      });
    return;
  }
  const content = await scope.palette.userKubeconfig(record.paletteUid);
  if (!(await deps.store.claimOnce(`kubeconfig:${record.id}:${job.requestId}`, SENT_CLAIM_SECONDS))) return;
  const issuedAt = deps.now();
  await deps.slack.filesUploadV2({
    channel_id: channel,
    // A Buffer (not `content`): the WebClient's debug lines omit binary values.
    file: Buffer.from(content, 'utf8'),
    filename: kubeconfigFilename(record),
    title: `kubeconfig of ${record.name}`,
    initial_comment: kubeconfigComment(record, issuedAt),
  });
  await applyFresh(deps, record, job.userId, (current) =>
    current.state === 'RUNNING' ? { event: 'kubeconfig-sent', detail: 'in a DM' } : undefined,
  );
  deps.logger.info('Kubeconfig sent in a DM.', { clusterId: record.id, userId: job.userId });
};
