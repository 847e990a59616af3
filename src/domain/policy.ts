import type { Approval } from './cluster';
import { isTerminal, type LifecycleState, STATE_LABELS } from './lifecycle';
import { addSeconds, formatEta, formatUtc } from './time';

/** Who a person is for a given cluster. */
export type Role = 'requester' | 'approver' | 'admin';

/** A person acting, with the standing roles the configuration gives them (groups already resolved). */
export interface Actor {
  userId: string;
  isApprover: boolean;
  isAdmin: boolean;
}

/** Everything a person can ask the bot to do. */
export const ACTIONS = [
  'request',
  'approve',
  'reject',
  'delete',
  'abort',
  'force-delete',
  'scale',
  'status',
  'list',
  'list-all',
  'quota',
  'gateway',
  'pairing-code',
  'kubeconfig',
  'approve-repave',
  'lease',
  'extend',
  'keep',
  'approve-extension',
  'reject-extension',
  'backup',
  'backups',
  'scan',
  'patch',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Who may act: named roles, or anyone in the workspace. */
type Allowed = readonly Role[] | 'anyone';

interface Permission {
  /** States the cluster must be in; `none` for actions that are not about one cluster. */
  states: readonly LifecycleState[] | 'none' | 'any';
  roles: Allowed;
  /** The requester may not do this to their own request, whatever other role they have. */
  notByRequester?: boolean;
  /** A rule of time with its own refusal (an approval request's expiry, force delete's 15-minute wait). */
  timing?: (facts: ClusterFacts, now: Date, settings: PolicySettings) => Refusal | undefined;
}

/** The policy settings every team shares (from configuration). */
export interface SharedPolicySettings {
  approvalTtlSeconds: number;
  forceDeleteAfterSeconds: number;
}

/** The settings policy depends on for one team: the shared ones and the team's quorum. */
export interface PolicySettings extends SharedPolicySettings {
  requiredApprovals: number;
}

/** What policy needs to know about a cluster. */
export interface ClusterFacts {
  name: string;
  state: LifecycleState;
  requester: string;
  expiresAt: string;
  deletingSince?: string;
  approvals: Approval[];
}

/** When force delete becomes available for a cluster that is deleting (Palette's 15-minute rule). */
export function forceDeleteEligibleAt(
  facts: Pick<ClusterFacts, 'deletingSince'>,
  settings: Pick<PolicySettings, 'forceDeleteAfterSeconds'>,
) {
  return facts.deletingSince ? addSeconds(facts.deletingSince, settings.forceDeleteAfterSeconds) : undefined;
}

/** Force delete's wait after the delete started, in whole minutes, as the refusals say it. */
function forceDeleteMinutes(settings: Pick<PolicySettings, 'forceDeleteAfterSeconds'>): number {
  return Math.round(settings.forceDeleteAfterSeconds / 60);
}

/** Refuses once the approval request has expired. */
function requestExpired(facts: ClusterFacts, now: Date): Refusal | undefined {
  if (now.getTime() < Date.parse(facts.expiresAt)) return undefined;
  return {
    ok: false,
    kind: 'too-late',
    reason: `The request for "${facts.name}" expired at ${formatUtc(new Date(facts.expiresAt), now)}.`,
    hint: `The requester can submit it again with \`/maas create-cluster ${facts.name}\`.`,
  };
}

/** Refuses force delete until its wait after the delete started has passed. */
function forceDeleteTooEarly(facts: ClusterFacts, now: Date, settings: PolicySettings): Refusal | undefined {
  const availableAt = forceDeleteEligibleAt(facts, settings);
  if (!availableAt || now.getTime() >= Date.parse(availableAt)) return undefined;
  return {
    ok: false,
    kind: 'too-early',
    reason: `Force delete opens ${forceDeleteMinutes(settings)} min after the delete started, in case Palette finishes on its own.`,
    hint: `Force delete available ${formatEta(new Date(availableAt), now)}.`,
    availableAt,
  };
}

/**
 * The one table of who may do what in which state, and when. Commands, buttons and jobs all ask it
 * through `decide`.
 */
export const PERMISSIONS: Record<Action, Permission> = {
  request: { states: 'none', roles: 'anyone' },
  approve: {
    states: ['PENDING_APPROVAL'],
    roles: ['approver', 'admin'],
    notByRequester: true,
    timing: requestExpired,
  },
  reject: { states: ['PENDING_APPROVAL'], roles: ['approver', 'admin'], timing: requestExpired },
  delete: { states: ['RUNNING'], roles: ['requester', 'admin'] },
  abort: { states: ['PROVISIONING'], roles: ['requester', 'admin'] },
  'force-delete': { states: ['DELETING'], roles: ['admin'], timing: forceDeleteTooEarly },
  scale: { states: ['RUNNING'], roles: ['requester', 'admin'] },
  status: { states: 'any', roles: 'anyone' },
  list: { states: 'none', roles: 'anyone' },
  'list-all': { states: 'none', roles: ['admin'] },
  quota: { states: 'none', roles: 'anyone' },
  gateway: { states: 'none', roles: 'anyone' },
  'pairing-code': { states: 'none', roles: ['admin'] },
  kubeconfig: { states: ['RUNNING'], roles: ['requester', 'admin'] },
  // Palette asked, not the requester: no self-approval rule.
  'approve-repave': { states: ['RUNNING'], roles: ['approver', 'admin'] },
  lease: { states: 'any', roles: 'anyone' },
  // Within the maximum; beyond it the same people ask the approvers (an extension card).
  extend: { states: ['RUNNING'], roles: ['requester', 'admin'] },
  keep: { states: ['PENDING_APPROVAL', 'APPROVED', 'PROVISIONING', 'RUNNING'], roles: ['admin'] },
  // The one who asked for the extension may not approve it either (checked by the extension card's listener).
  'approve-extension': { states: ['RUNNING'], roles: ['approver', 'admin'], notByRequester: true },
  'reject-extension': { states: ['RUNNING'], roles: ['approver', 'admin'] },
  backup: { states: ['RUNNING'], roles: ['requester', 'admin'] },
  backups: { states: ['RUNNING'], roles: 'anyone' },
  scan: { states: ['RUNNING'], roles: ['requester', 'admin'] },
  patch: { states: ['RUNNING'], roles: ['requester', 'admin'] },
};

/** Why an action was refused, written for the person who asked, with what they can do instead. */
export interface Refusal {
  ok: false;
  kind: 'role' | 'state' | 'self' | 'too-early' | 'too-late';
  reason: string;
  hint: string;
  /** For `role` refusals: the roles that would be allowed, so the surface can name who. */
  allowedRoles?: readonly Role[];
  /** For `too-early` refusals: the moment it becomes allowed. */
  availableAt?: string;
}
export type Decision = { ok: true } | Refusal;

const ROLE_NAMES: Record<Role, string> = {
  requester: 'the requester',
  approver: 'approvers',
  admin: 'admins',
};

/** Roles the actor holds for this cluster (requester is relative to the cluster). */
export function rolesOf(actor: Actor, facts?: Pick<ClusterFacts, 'requester'>): Role[] {
  const roles: Role[] = [];
  if (facts && facts.requester === actor.userId) roles.push('requester');
  if (actor.isApprover) roles.push('approver');
  if (actor.isAdmin) roles.push('admin');
  return roles;
}

const VERBS: Record<Action, string> = {
  request: 'request a cluster',
  approve: 'approve',
  reject: 'reject',
  delete: 'delete',
  abort: 'abort',
  'force-delete': 'force-delete',
  scale: 'scale',
  status: 'see the status of',
  list: 'list clusters',
  'list-all': 'list the clusters of every team',
  quota: 'see the quota',
  gateway: 'see gateways',
  'pairing-code': 'get a gateway pairing code',
  kubeconfig: 'get the kubeconfig of',
  'approve-repave': 'approve a repave of',
  lease: 'see the lease of',
  extend: 'extend',
  keep: 'keep (no expiry)',
  'approve-extension': 'approve an extension of',
  'reject-extension': 'reject an extension of',
  backup: 'back up',
  backups: 'list the backups of',
  scan: 'scan',
  patch: 'patch',
};

/** Decides whether `actor` may do `action` to the cluster described by `facts`, at `now`. */
export function decide(
  action: Action,
  actor: Actor,
  facts: ClusterFacts | undefined,
  now: Date,
  settings: PolicySettings,
): Decision {
  const rule = PERMISSIONS[action];
  const roles = rolesOf(actor, facts);
  if (rule.roles !== 'anyone' && !rule.roles.some((role) => roles.includes(role))) {
    const who = rule.roles.map((role) => ROLE_NAMES[role]).join(' or ');
    return {
      ok: false,
      kind: 'role',
      reason: `Only ${who} can ${VERBS[action]}${facts ? ` "${facts.name}"` : ''}.`,
      hint: `Ask one of them to do it.`,
      allowedRoles: rule.roles,
    };
  }
  if (rule.states === 'none' || !facts) return { ok: true };
  if (rule.notByRequester && facts.requester === actor.userId) {
    return {
      ok: false,
      kind: 'self',
      reason: `You requested "${facts.name}", so you cannot ${VERBS[action]} it yourself.`,
      hint: 'Another approver has to decide.',
    };
  }
  if (rule.states !== 'any' && !rule.states.includes(facts.state)) {
    return { ok: false, kind: 'state', ...stateRefusal(action, facts, now, settings) };
  }
  return rule.timing?.(facts, now, settings) ?? { ok: true };
}

function stateRefusal(
  action: Action,
  facts: ClusterFacts,
  now: Date,
  settings: PolicySettings,
): { reason: string; hint: string } {
  const { name, state } = facts;
  const label = STATE_LABELS[state].toLowerCase();
  const reason = `"${name}" is ${label}, so you cannot ${VERBS[action]} it.`;
  if (isTerminal(state)) return { reason, hint: 'It has ended; there is nothing left to do with it.' };
  if (state === 'PENDING_APPROVAL')
    return {
      reason: `"${name}" is still waiting for approval and has not been created in Palette.`,
      hint: 'An approver can reject the request instead.',
    };
  if (state === 'APPROVED')
    return { reason, hint: 'The create is being sent to Palette right now; try again in a minute.' };
  if (state === 'PROVISIONING') {
    if (action === 'delete' || action === 'force-delete')
      return {
        reason: `"${name}" is still provisioning.`,
        hint: `Use \`/maas abort ${name}\` to stop it and delete what was created.`,
      };
    return { reason, hint: 'Wait until it is running.' };
  }
  if (state === 'RUNNING') {
    if (action === 'abort')
      return { reason: `"${name}" is already running.`, hint: `Use \`/maas delete ${name}\`.` };
    if (action === 'force-delete')
      return {
        reason: `"${name}" is not being deleted; force delete is only for a deletion that is stuck.`,
        hint: `Start with \`/maas delete ${name}\`; force delete is offered ${forceDeleteMinutes(settings)} min later if it sticks.`,
      };
    return { reason, hint: `See \`/maas status ${name}\`.` };
  }
  // DELETING
  const eligibleAt = forceDeleteEligibleAt(facts, settings);
  const forceHint =
    eligibleAt && now.getTime() < Date.parse(eligibleAt)
      ? `If it gets stuck, an admin can force delete it ${formatEta(new Date(eligibleAt), now)}.`
      : `If it is stuck, an admin can use \`/maas force-delete ${name}\`.`;
  return { reason: `"${name}" is already being deleted.`, hint: forceHint };
}

/** The outcome of an approver's yes: the quorum is met, or one more approval is recorded. */
export type ApprovalOutcome =
  | { ok: true; event: 'approved' | 'approval-recorded'; approvals: Approval[]; remaining: number }
  | Refusal;

/** Records a distinct approver's yes and tells whether the quorum is now met. Call after `decide`. */
export function recordApproval(
  facts: ClusterFacts,
  actor: Actor,
  now: Date,
  settings: PolicySettings,
): ApprovalOutcome {
  if (facts.approvals.some((approval) => approval.userId === actor.userId)) {
    const remaining = settings.requiredApprovals - facts.approvals.length;
    return {
      ok: false,
      kind: 'state',
      reason: 'You have already approved this request.',
      hint: `It needs ${remaining} more approval${remaining === 1 ? '' : 's'} from someone else.`,
    };
  }
  const approvals = [...facts.approvals, { userId: actor.userId, at: now.toISOString() }];
  const remaining = Math.max(0, settings.requiredApprovals - approvals.length);
  return { ok: true, event: remaining === 0 ? 'approved' : 'approval-recorded', approvals, remaining };
}

/** When a request made at `requestedAt` expires if nobody answers. */
export function approvalExpiresAt(
  requestedAt: string,
  settings: Pick<PolicySettings, 'approvalTtlSeconds'>,
): string {
  return addSeconds(requestedAt, settings.approvalTtlSeconds);
}
