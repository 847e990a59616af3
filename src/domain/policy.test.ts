import { describe, expect, it } from 'vitest';
import { type LifecycleState, STATES } from './lifecycle';
import {
  ACTIONS,
  type Action,
  type Actor,
  approvalExpiresAt,
  type ClusterFacts,
  decide,
  forceDeleteEligibleAt,
  PERMISSIONS,
  type PolicySettings,
  recordApproval,
  rolesOf,
} from './policy';

const settings: PolicySettings = {
  requiredApprovals: 2,
  approvalTtlSeconds: 3600,
  forceDeleteAfterSeconds: 900,
};
const now = new Date('2026-11-27T14:26:00Z');
const requester: Actor = { userId: 'U0REQ', isApprover: false, isAdmin: false };
const approver: Actor = { userId: 'U0APP', isApprover: true, isAdmin: false };
const admin: Actor = { userId: 'U0ADM', isApprover: false, isAdmin: true };
const outsider: Actor = { userId: 'U0OUT', isApprover: false, isAdmin: false };

const facts = (state: LifecycleState, extra: Partial<ClusterFacts> = {}): ClusterFacts => ({
  name: 'team-a-dev',
  state,
  requester: requester.userId,
  expiresAt: '2026-11-28T14:00:00Z',
  approvals: [],
  ...extra,
});

describe('roles', () => {
  it('makes the requester a role relative to the cluster', () => {
    expect(rolesOf(requester, facts('RUNNING'))).toEqual(['requester']);
    expect(rolesOf(requester)).toEqual([]);
    expect(rolesOf({ ...admin, isApprover: true }, facts('RUNNING'))).toEqual(['approver', 'admin']);
  });
});

describe('the permission table', () => {
  it('has a rule for every action', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...ACTIONS].sort());
  });

  // The table, restated from the issue: who may do what, in which state.
  const expected: Partial<Record<Action, { states: LifecycleState[]; actors: Actor[] }>> = {
    approve: { states: ['PENDING_APPROVAL'], actors: [approver, admin] },
    reject: { states: ['PENDING_APPROVAL'], actors: [approver, admin] },
    delete: { states: ['RUNNING'], actors: [requester, admin] },
    abort: { states: ['PROVISIONING'], actors: [requester, admin] },
    scale: { states: ['RUNNING'], actors: [requester, admin] },
    status: { states: [...STATES], actors: [requester, approver, admin, outsider] },
  };

  for (const [action, rule] of Object.entries(expected) as [
    Action,
    { states: LifecycleState[]; actors: Actor[] },
  ][]) {
    for (const state of STATES) {
      for (const actor of [requester, approver, admin, outsider]) {
        const allowed = rule.states.includes(state) && rule.actors.includes(actor);
        it(`${action} in ${state} by ${actor.userId}: ${allowed ? 'allowed' : 'refused'}`, () => {
          const decision = decide(action, actor, facts(state), now, settings);
          expect(decision.ok).toBe(allowed);
          if (!decision.ok) expect(decision.reason.length).toBeGreaterThan(10);
        });
      }
    }
  }
});

describe('refusals tell why and what to do instead', () => {
  it('points a delete of a provisioning cluster to abort', () => {
    const decision = decide('delete', requester, facts('PROVISIONING'), now, settings);
    expect(decision).toMatchObject({
      ok: false,
      kind: 'state',
      reason: '"team-a-dev" is still provisioning.',
      hint: 'Use `/maas abort team-a-dev` to stop it and delete what was created.',
    });
  });

  it('points an abort of a running cluster to delete', () => {
    expect(decide('abort', admin, facts('RUNNING'), now, settings)).toMatchObject({
      ok: false,
      hint: 'Use `/maas delete team-a-dev`.',
    });
  });

  it('names the roles that may act', () => {
    expect(decide('force-delete', requester, facts('DELETING'), now, settings)).toMatchObject({
      ok: false,
      kind: 'role',
      reason: 'Only admins can force-delete "team-a-dev".',
      allowedRoles: ['admin'],
    });
  });

  it('refuses self-approval even to an approver', () => {
    const selfApprover: Actor = { ...approver, userId: requester.userId };
    expect(decide('approve', selfApprover, facts('PENDING_APPROVAL'), now, settings)).toMatchObject({
      ok: false,
      kind: 'self',
    });
  });

  it('refuses a decision after expiry and suggests resubmitting', () => {
    const expired = facts('PENDING_APPROVAL', { expiresAt: '2026-11-27T14:00:00Z' });
    expect(decide('approve', approver, expired, now, settings)).toMatchObject({
      ok: false,
      kind: 'too-late',
      hint: 'The requester can submit it again with `/maas create-cluster team-a-dev`.',
    });
  });

  it('gates pairing codes to admins only', () => {
    expect(decide('pairing-code', approver, undefined, now, settings).ok).toBe(false);
    expect(decide('pairing-code', admin, undefined, now, settings).ok).toBe(true);
    expect(decide('gateway', outsider, undefined, now, settings).ok).toBe(true);
  });
});

describe('force delete after the window', () => {
  const deleting = facts('DELETING', { deletingSince: '2026-11-27T14:17:00Z' });

  it('is eligible FORCE_DELETE_AFTER seconds after the delete started', () => {
    expect(forceDeleteEligibleAt(deleting, settings)).toBe('2026-11-27T14:32:00.000Z');
    expect(forceDeleteEligibleAt(facts('RUNNING'), settings)).toBeUndefined();
  });

  it('refuses before the window with the estimated time', () => {
    expect(decide('force-delete', admin, deleting, now, settings)).toMatchObject({
      ok: false,
      kind: 'too-early',
      hint: 'Force delete available in 6 min, at 14:32 UTC.',
      availableAt: '2026-11-27T14:32:00.000Z',
    });
  });

  it('allows an admin at and after the window', () => {
    expect(decide('force-delete', admin, deleting, new Date('2026-11-27T14:32:00Z'), settings).ok).toBe(true);
    expect(decide('force-delete', admin, deleting, new Date('2026-11-27T15:00:00Z'), settings).ok).toBe(true);
  });

  it('tells a second delete when force delete opens', () => {
    expect(decide('delete', admin, deleting, now, settings)).toMatchObject({
      ok: false,
      hint: 'If it gets stuck, an admin can force delete it in 6 min, at 14:32 UTC.',
    });
  });
});

describe('quorum', () => {
  it('records approvals from distinct people until the quorum is met', () => {
    const first = recordApproval(facts('PENDING_APPROVAL'), approver, now, settings);
    expect(first).toMatchObject({ ok: true, event: 'approval-recorded', remaining: 1 });
    if (!first.ok) throw new Error('expected ok');
    const second = recordApproval(
      facts('PENDING_APPROVAL', { approvals: first.approvals }),
      admin,
      now,
      settings,
    );
    expect(second).toMatchObject({ ok: true, event: 'approved', remaining: 0 });
    if (second.ok) expect(second.approvals.map((a) => a.userId)).toEqual(['U0APP', 'U0ADM']);
  });

  it('does not count the same approver twice', () => {
    const once = facts('PENDING_APPROVAL', { approvals: [{ userId: 'U0APP', at: now.toISOString() }] });
    expect(recordApproval(once, approver, now, settings)).toMatchObject({
      ok: false,
      reason: 'You have already approved this request.',
      hint: 'It needs 1 more approval from someone else.',
    });
  });

  it('approves at once with a quorum of one', () => {
    expect(
      recordApproval(facts('PENDING_APPROVAL'), approver, now, { ...settings, requiredApprovals: 1 }),
    ).toMatchObject({
      ok: true,
      event: 'approved',
    });
  });

  it('expires APPROVAL_TTL after the request', () => {
    expect(approvalExpiresAt('2026-11-27T14:00:00.000Z', settings)).toBe('2026-11-27T15:00:00.000Z');
  });
});
