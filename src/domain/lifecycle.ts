/** Every state a cluster request goes through (DESIGN §5). */
export const STATES = [
  'PENDING_APPROVAL',
  'APPROVED',
  'PROVISIONING',
  'RUNNING',
  'DELETING',
  'DELETED',
  'REJECTED',
  'EXPIRED',
  'FAILED',
] as const;
export type LifecycleState = (typeof STATES)[number];

/** States that end a request: nothing moves out of them, and the cluster name is free again. */
export const TERMINAL_STATES: readonly LifecycleState[] = ['DELETED', 'REJECTED', 'EXPIRED', 'FAILED'];

/** Whether a state ends the request. */
export function isTerminal(state: LifecycleState): boolean {
  return TERMINAL_STATES.includes(state);
}

/** What happened, as recorded in a cluster's history and checked against the transition table. */
export const EVENTS = [
  'requested',
  'approval-recorded',
  'approved',
  'rejected',
  'expired',
  'created',
  'create-failed',
  'running',
  'provisioning-failed',
  'delete-started',
  'abort-started',
  'force-delete-started',
  'deleted',
  'scaled',
  'scale-finished',
  'kubeconfig-sent',
  'repave-approval-recorded',
  'repave-approved',
  'lease-started',
  'lease-extended',
  'lease-kept',
  'extension-requested',
  'extension-approval-recorded',
  'extension-rejected',
  'backup-requested',
  'backup-finished',
  'scan-requested',
  'scan-finished',
  'os-patch-requested',
  'backup-policy-changed',
  'scan-policy-changed',
  'os-patch-changed',
  'note',
] as const;
export type LifecycleEvent = (typeof EVENTS)[number];

/** The one transition table: for each event, the states it may happen in and where it leads. */
export const TRANSITIONS: Record<
  LifecycleEvent,
  { from: readonly LifecycleState[]; to: LifecycleState | 'same' }
> = {
  requested: { from: [], to: 'PENDING_APPROVAL' },
  'approval-recorded': { from: ['PENDING_APPROVAL'], to: 'same' },
  approved: { from: ['PENDING_APPROVAL'], to: 'APPROVED' },
  rejected: { from: ['PENDING_APPROVAL'], to: 'REJECTED' },
  expired: { from: ['PENDING_APPROVAL'], to: 'EXPIRED' },
  created: { from: ['APPROVED'], to: 'PROVISIONING' },
  'create-failed': { from: ['APPROVED'], to: 'FAILED' },
  running: { from: ['PROVISIONING'], to: 'RUNNING' },
  'provisioning-failed': { from: ['PROVISIONING'], to: 'FAILED' },
  'delete-started': { from: ['RUNNING'], to: 'DELETING' },
  'abort-started': { from: ['PROVISIONING'], to: 'DELETING' },
  'force-delete-started': { from: ['DELETING'], to: 'same' },
  deleted: { from: ['APPROVED', 'PROVISIONING', 'RUNNING', 'DELETING'], to: 'DELETED' },
  scaled: { from: ['RUNNING'], to: 'same' },
  // A resize is a RUNNING sub-phase (the record's `scaling`), ended when Palette's pool has the new size.
  'scale-finished': { from: ['RUNNING'], to: 'same' },
  'kubeconfig-sent': { from: ['RUNNING'], to: 'same' },
  'repave-approval-recorded': { from: ['RUNNING'], to: 'same' },
  'repave-approved': { from: ['RUNNING'], to: 'same' },
  // A lease is bookkeeping on a live cluster: it starts at Running and moves only while it runs.
  'lease-started': { from: ['RUNNING'], to: 'same' },
  'lease-extended': { from: ['RUNNING'], to: 'same' },
  'lease-kept': { from: ['PENDING_APPROVAL', 'APPROVED', 'PROVISIONING', 'RUNNING'], to: 'same' },
  'extension-requested': { from: ['RUNNING'], to: 'same' },
  'extension-approval-recorded': { from: ['RUNNING'], to: 'same' },
  'extension-rejected': { from: ['RUNNING'], to: 'same' },
  // On-demand backups and scans of a running cluster; one may end while the cluster is being deleted.
  'backup-requested': { from: ['RUNNING'], to: 'same' },
  'backup-finished': { from: ['RUNNING', 'DELETING'], to: 'same' },
  'scan-requested': { from: ['RUNNING'], to: 'same' },
  'scan-finished': { from: ['RUNNING', 'DELETING'], to: 'same' },
  'os-patch-requested': { from: ['RUNNING'], to: 'same' },
  'backup-policy-changed': { from: ['RUNNING'], to: 'same' },
  'scan-policy-changed': { from: ['RUNNING'], to: 'same' },
  'os-patch-changed': { from: ['RUNNING'], to: 'same' },
  note: { from: STATES, to: 'same' },
};

/** The state an event leads to from `from`, or undefined when the event may not happen there. */
export function nextState(from: LifecycleState, event: LifecycleEvent): LifecycleState | undefined {
  const rule = TRANSITIONS[event];
  if (!rule.from.includes(from)) return undefined;
  return rule.to === 'same' ? from : rule.to;
}

/** Our state for what Palette reports, or undefined when Palette's answer says nothing definite. */
export function stateFromPalette(state: string): LifecycleState | undefined {
  switch (state) {
    case 'Pending':
    case 'Provisioning':
    case 'Importing':
      return 'PROVISIONING';
    case 'Running':
      return 'RUNNING';
    case 'Deleting':
      return 'DELETING';
    case 'Deleted':
    case 'NotFound':
      return 'DELETED';
    default:
      return undefined;
  }
}

/**
 * The event that brings our record in line with what Palette observed, or undefined when none is due.
 * Palette can move a cluster forward (Provisioning → Running) or someone can delete it in Palette's console;
 * it never moves one backwards, so a Deleting cluster that Palette still reports Running waits.
 */
export function eventForObservation(
  ours: LifecycleState,
  observed: LifecycleState,
): LifecycleEvent | undefined {
  if (ours === observed) return undefined;
  if (observed === 'DELETED') return nextState(ours, 'deleted') ? 'deleted' : undefined;
  if (ours === 'PROVISIONING' && observed === 'RUNNING') return 'running';
  if (ours === 'PROVISIONING' && observed === 'DELETING') return 'abort-started';
  if (ours === 'RUNNING' && observed === 'DELETING') return 'delete-started';
  return undefined;
}

/** How people read a state. */
export const STATE_LABELS: Record<LifecycleState, string> = {
  PENDING_APPROVAL: 'Waiting for approval',
  APPROVED: 'Approved, creating',
  PROVISIONING: 'Provisioning',
  RUNNING: 'Running',
  DELETING: 'Deleting',
  DELETED: 'Deleted',
  REJECTED: 'Rejected',
  EXPIRED: 'Expired',
  FAILED: 'Failed',
};

/** The emoji shown beside a state in messages. */
export const STATE_EMOJI: Record<LifecycleState, string> = {
  PENDING_APPROVAL: ':hourglass_flowing_sand:',
  APPROVED: ':white_check_mark:',
  PROVISIONING: ':construction:',
  RUNNING: ':large_green_circle:',
  DELETING: ':wastebasket:',
  DELETED: ':black_circle:',
  REJECTED: ':no_entry:',
  EXPIRED: ':zzz:',
  FAILED: ':red_circle:',
};
