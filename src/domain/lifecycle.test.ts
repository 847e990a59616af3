import { describe, expect, it } from 'vitest';
import {
  EVENTS,
  eventForObservation,
  isTerminal,
  type LifecycleState,
  nextState,
  STATES,
  stateFromPalette,
  TERMINAL_STATES,
} from './lifecycle';

describe('transition table', () => {
  it('follows the happy path of DESIGN §5', () => {
    const path: [LifecycleState, (typeof EVENTS)[number], LifecycleState][] = [
      ['PENDING_APPROVAL', 'approved', 'APPROVED'],
      ['APPROVED', 'created', 'PROVISIONING'],
      ['PROVISIONING', 'running', 'RUNNING'],
      ['RUNNING', 'delete-started', 'DELETING'],
      ['DELETING', 'deleted', 'DELETED'],
    ];
    for (const [from, event, to] of path) expect(nextState(from, event)).toBe(to);
  });

  it('has the ends and the abort', () => {
    expect(nextState('PENDING_APPROVAL', 'rejected')).toBe('REJECTED');
    expect(nextState('PENDING_APPROVAL', 'expired')).toBe('EXPIRED');
    expect(nextState('APPROVED', 'create-failed')).toBe('FAILED');
    expect(nextState('PROVISIONING', 'provisioning-failed')).toBe('FAILED');
    expect(nextState('PROVISIONING', 'abort-started')).toBe('DELETING');
  });

  it('keeps the state for partial approvals, force delete and scaling', () => {
    expect(nextState('PENDING_APPROVAL', 'approval-recorded')).toBe('PENDING_APPROVAL');
    expect(nextState('DELETING', 'force-delete-started')).toBe('DELETING');
    expect(nextState('RUNNING', 'scaled')).toBe('RUNNING');
  });

  it('refuses events out of place', () => {
    expect(nextState('PROVISIONING', 'delete-started')).toBeUndefined();
    expect(nextState('RUNNING', 'abort-started')).toBeUndefined();
    expect(nextState('RUNNING', 'force-delete-started')).toBeUndefined();
    expect(nextState('APPROVED', 'approved')).toBeUndefined();
  });

  it('lets nothing leave a terminal state except a note', () => {
    for (const state of TERMINAL_STATES) {
      expect(isTerminal(state)).toBe(true);
      for (const event of EVENTS) {
        const to = nextState(state, event);
        if (event === 'note') expect(to).toBe(state);
        else expect(to).toBeUndefined();
      }
    }
  });

  it('marks only the ends as terminal', () => {
    expect(STATES.filter(isTerminal)).toEqual(['DELETED', 'REJECTED', 'EXPIRED', 'FAILED']);
  });
});

describe('Palette states', () => {
  it.each([
    ['Pending', 'PROVISIONING'],
    ['Provisioning', 'PROVISIONING'],
    ['Importing', 'PROVISIONING'],
    ['Running', 'RUNNING'],
    ['Deleting', 'DELETING'],
    ['Deleted', 'DELETED'],
    ['NotFound', 'DELETED'],
    ['Unknown', undefined],
    ['Something-new', undefined],
  ])('maps %s to %s', (palette, ours) => {
    expect(stateFromPalette(palette)).toBe(ours);
  });

  it('moves a record forward to what Palette observed', () => {
    expect(eventForObservation('PROVISIONING', 'RUNNING')).toBe('running');
    expect(eventForObservation('RUNNING', 'DELETING')).toBe('delete-started');
    expect(eventForObservation('PROVISIONING', 'DELETING')).toBe('abort-started');
    expect(eventForObservation('RUNNING', 'DELETED')).toBe('deleted');
    expect(eventForObservation('DELETING', 'DELETED')).toBe('deleted');
  });

  it('never moves a record backwards or out of an end', () => {
    expect(eventForObservation('DELETING', 'RUNNING')).toBeUndefined();
    expect(eventForObservation('RUNNING', 'PROVISIONING')).toBeUndefined();
    expect(eventForObservation('DELETED', 'DELETED')).toBeUndefined();
    expect(eventForObservation('REJECTED', 'DELETED')).toBeUndefined();
    expect(eventForObservation('PENDING_APPROVAL', 'DELETED')).toBeUndefined();
  });
});
