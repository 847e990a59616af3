import type { AuditEvent, ClusterRecord } from './cluster';
import type { LifecycleEvent, LifecycleState } from './lifecycle';

/**
 * One line of the audit trail a security team collects: a history entry of one cluster, flat, with the cluster
 * named. Built from the record only — ids, names, states and the entry's detail — so it never carries a secret
 * or a kubeconfig.
 */
export interface AuditLine {
  /** When it happened (ISO 8601). */
  at: string;
  /** A Slack user id, or `bot` / `palette` / `scheduler` for the system. */
  actor: string;
  action: LifecycleEvent;
  clusterId: string;
  clusterName: string;
  fromState: LifecycleState;
  toState: LifecycleState;
  /** The team the request belongs to (the implicit team without a teams file). */
  team: string;
  detail?: string;
}

/** The audit line of one history entry of a record. */
export function auditLine(record: Pick<ClusterRecord, 'id' | 'name' | 'team'>, entry: AuditEvent): AuditLine {
  return {
    at: entry.at,
    actor: entry.by,
    action: entry.event,
    clusterId: record.id,
    clusterName: record.name,
    fromState: entry.from,
    toState: entry.to,
    team: record.team,
    ...(entry.detail === undefined ? {} : { detail: entry.detail }),
  };
}
