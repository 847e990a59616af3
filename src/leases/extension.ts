import type { Decided } from '../clusters/decide-apply';
import { decideAndApply } from '../clusters/decide-apply';
import type { Deps } from '../deps';
import { durationCode, extendedLease, leaseDetail, pendingExtension, planExtension } from '../domain/lease';
import { type Actor, recordApproval } from '../domain/policy';
import { addSeconds } from '../domain/time';
import { scopeOfRecord } from '../teams/scope';
import { armLease, showNewEnd } from './schedule';

/**
 * Asks the approvers for an extension beyond the team's maximum, with the asker's reason: ONE conditional
 * transition records the request on the lease (one waiting at a time), then the `extension` job posts the card and
 * tells the thread. An extension that now fits under the maximum is not sent to them.
 */
export async function requestExtension(
  deps: Deps,
  clusterId: string,
  actor: Actor,
  seconds: number,
  reason: string,
): Promise<Decided> {
  const outcome = await decideAndApply(deps, clusterId, 'extend', actor, (record, at) => {
    const plan = planExtension(record.lease, seconds, scopeOfRecord(deps, record).team.lease);
    if (plan.ok)
      return {
        nothingToDo: `it fits under the maximum now: run \`/maas extend ${record.name} ${durationCode(seconds)}\` again`,
      };
    if (plan.kind === 'no-end') return { nothingToDo: plan.reason };
    if (pendingExtension(record.lease))
      return { nothingToDo: 'an extension already waits for the approvers; they decide it first' };
    const extension = { by: actor.userId, at, seconds, reason, approvals: [] };
    return {
      event: 'extension-requested',
      detail: `+${durationCode(seconds)}: ${reason}`,
      set: { lease: { ...record.lease!, extension } },
    };
  });
  if (outcome.ok) await deps.jobs.dispatch({ kind: 'extension', clusterId });
  return outcome;
}

/**
 * An approver's yes or no on the extension card: policy (approvers and admins, never the cluster's requester) and,
 * for a yes, neither the one who asked; the team's quorum of distinct approvers moves the end (beyond the maximum:
 * they approved it) as ONE conditional transition, re-decided after a lost race. Then the schedule moves and the
 * `extension` job updates the card and tells the thread.
 */
export async function decideExtension(
  deps: Deps,
  clusterId: string,
  actor: Actor,
  verdict: 'approve' | 'reject',
): Promise<Decided> {
  const action = verdict === 'approve' ? 'approve-extension' : 'reject-extension';
  const outcome = await decideAndApply(deps, clusterId, action, actor, (record, at) => {
    const extension = pendingExtension(record.lease);
    if (!extension || !record.lease?.endsAt)
      return { nothingToDo: 'No extension of this lease waits for a decision.' };
    const decision = { by: actor.userId, at };
    if (verdict === 'reject') {
      const lease = {
        ...record.lease,
        extension: { ...extension, decision: { ...decision, outcome: 'rejected' as const } },
      };
      return { event: 'extension-rejected', detail: `+${durationCode(extension.seconds)}`, set: { lease } };
    }
    if (extension.by === actor.userId)
      return {
        nothingToDo:
          'You asked for this extension, so you cannot approve it yourself. Another approver has to decide.',
      };
    const { policy } = scopeOfRecord(deps, record);
    const approved = recordApproval({ ...record, approvals: extension.approvals }, actor, deps.now(), policy);
    if (!approved.ok) return { nothingToDo: `${approved.reason} ${approved.hint}` };
    if (approved.event === 'approval-recorded')
      return {
        event: 'extension-approval-recorded',
        set: { lease: { ...record.lease, extension: { ...extension, approvals: approved.approvals } } },
      };
    const moved = extendedLease(record.lease, addSeconds(record.lease.endsAt, extension.seconds), at);
    const lease = {
      ...moved,
      extension: {
        ...extension,
        approvals: approved.approvals,
        decision: { ...decision, outcome: 'approved' as const },
      },
    };
    return {
      event: 'lease-extended',
      detail: `+${durationCode(extension.seconds)} (approved), ${leaseDetail(lease)}`,
      set: { lease },
    };
  });
  if (!outcome.ok) return outcome;
  await armLease(deps, outcome.record);
  await deps.jobs.dispatch({ kind: 'extension', clusterId });
  await showNewEnd(deps, clusterId);
  return outcome;
}
