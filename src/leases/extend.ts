import { decideAndApply } from '../clusters/decide-apply';
import type { Deps } from '../deps';
import type { ClusterRecord } from '../domain/cluster';
import { durationCode, type ExtensionPlan, extendedLease, leaseDetail, planExtension } from '../domain/lease';
import type { Actor, Refusal } from '../domain/policy';
import { leaseExtendedMessage } from '../slack/blocks/lease';
import { postInThread } from '../slack/thread';
import { scopeOfRecord } from '../teams/scope';
import { armLease, showNewEnd } from './schedule';

/** What an extension came to: done, refused by policy, beyond the maximum (ask the approvers), or impossible. */
export type Extended =
  | { ok: true; record: ClusterRecord; endsAt: string }
  | { ok: false; kind: 'refused'; record: ClusterRecord; refusal: Refusal }
  | { ok: false; kind: 'needs-approval'; record: ClusterRecord; endsAt: string; ceiling: string }
  | { ok: false; kind: 'no-end'; record: ClusterRecord; reason: string }
  | { ok: false; kind: 'moved'; record: ClusterRecord }
  | { ok: false; kind: 'missing' };

/**
 * Extends a running cluster's lease by `seconds` within its team's maximum (policy: the requester or an admin):
 * ONE conditional transition moves the end, then the lease's one schedule moves with it (replaced, never a second)
 * and the thread hears who extended it until when. With `from` (a reminder's button), only an end still at `from`
 * is extended: double clicks and clicks of two people on one reminder extend once. Beyond the maximum nothing changes: the caller asks the approvers.
 */
export async function extendLease(
  deps: Deps,
  target: ClusterRecord | string,
  actor: Actor,
  seconds: number,
  from?: string,
): Promise<Extended> {
  let blocked: Exclude<ExtensionPlan, { ok: true }> | undefined;
  let moved = false;
  const outcome = await decideAndApply(deps, target, 'extend', actor, (record, at) => {
    // A reminder's button extends the end it was shown with, once: a second click finds the end moved.
    if (from !== undefined && record.lease?.endsAt !== from) {
      moved = true;
      return { nothingToDo: 'moved' };
    }
    const plan = planExtension(record.lease, seconds, scopeOfRecord(deps, record).team.lease);
    if (!plan.ok) {
      blocked = plan;
      return { nothingToDo: plan.kind };
    }
    const lease = extendedLease(record.lease!, plan.endsAt, at);
    return {
      event: 'lease-extended',
      detail: `+${durationCode(seconds)}, ${leaseDetail(lease)}`,
      set: { lease },
    };
  });
  if (!outcome.ok) {
    if (outcome.kind !== 'nothing-to-do') return outcome;
    if (moved) return { ok: false, kind: 'moved', record: outcome.record };
    if (blocked?.kind === 'needs-approval')
      return { ...blocked, ok: false, kind: 'needs-approval', record: outcome.record };
    return { ok: false, kind: 'no-end', record: outcome.record, reason: blocked?.reason ?? outcome.reason };
  }
  const { record } = outcome;
  const endsAt = record.lease!.endsAt!;
  await armLease(deps, record);
  await postInThread(deps, record, leaseExtendedMessage(record, actor.userId, seconds, endsAt, deps.now()));
  await showNewEnd(deps, record.id);
  return { ok: true, record, endsAt };
}
