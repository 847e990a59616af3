import type { Deps } from '../deps';
import type { ClusterRecord } from '../domain/cluster';
import { scopeOfRecord } from '../teams/scope';
import { type RequestContext, requestMessage } from './blocks/request';
import { type BotMessage, permalinkOf, updateMessage } from './thread';

/** The request message's content for a record: its state line, with the link to the approval card once posted. */
export async function renderRequestMessage(
  deps: Deps,
  record: ClusterRecord,
  extra: Pick<RequestContext, 'problem' | 'unreachableChannel'> = {},
): Promise<BotMessage> {
  const { approvalChannel, approvalTs } = record.slack;
  const cardLink =
    approvalChannel && approvalTs
      ? await permalinkOf(deps, { channel: approvalChannel, ts: approvalTs })
      : undefined;
  const { team, policy } = scopeOfRecord(deps, record);
  return requestMessage(record, {
    approvalChannel: team.approvalChannel,
    requiredApprovals: policy.requiredApprovals,
    now: deps.now(),
    ...(cardLink ? { cardLink } : {}),
    ...extra,
  });
}

/** Re-renders the request message (the thread's parent) from `record`; a no-op until it is posted. */
export async function showRequestMessage(deps: Deps, record: ClusterRecord): Promise<void> {
  const { channel, threadTs } = record.slack;
  if (!threadTs) return;
  await updateMessage(deps, { channel, ts: threadTs }, await renderRequestMessage(deps, record));
}
