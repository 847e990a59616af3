import { describe, expect, it } from 'vitest';
import { validSpec } from '../../test/support/fixtures';
import { type ClusterRecord, HISTORY_LIMIT } from '../domain/cluster';
import { InvalidTransitionError } from './port';
import { planTransition } from './transition';

/** Thirty days, in seconds: how long these records are kept once ended. */
const RETENTION = 30 * 86_400;

function record(overrides: Partial<ClusterRecord> = {}): ClusterRecord {
  return {
    id: 'C1',
    name: 'team-a-dev',
    team: 'default',
    spec: validSpec(),
    state: 'RUNNING',
    requester: 'U1',
    requestedAt: '2030-01-01T12:00:00.000Z',
    updatedAt: '2030-01-01T12:00:00.000Z',
    expiresAt: '2030-01-02T12:00:00.000Z',
    slack: { channel: 'C0' },
    approvals: [],
    version: 7,
    history: [],
    ...overrides,
  };
}

/** The update's values by attribute name, read back through the placeholders. */
function setValues(plan: ReturnType<typeof planTransition>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const sets = plan.UpdateExpression.split(' REMOVE ')[0]!.replace(/^SET /, '').split(', ');
  for (const assignment of sets) {
    const [name, value] = assignment.split(' = ');
    values[plan.ExpressionAttributeNames[name!]!] = plan.ExpressionAttributeValues[value!] ?? value;
  }
  return values;
}

describe('planTransition', () => {
  it('conditions on the version, bumps it, sets the state and fields, and appends the audit line', () => {
    const plan = planTransition(
      record(),
      {
        event: 'delete-started',
        by: 'U2',
        at: '2030-01-01T13:00:00.000Z',
        set: { deletingSince: '2030-01-01T13:00:00.000Z', deleteKind: 'delete', failure: undefined },
      },
      RETENTION,
    );
    expect(plan.to).toBe('DELETING');
    const [name, expected] = plan.ConditionExpression.split(' = ');
    expect(plan.ExpressionAttributeNames[name!]).toBe('version');
    expect(plan.ExpressionAttributeValues[expected!]).toBe(7);
    const values = setValues(plan);
    expect(values).toMatchObject({
      state: 'DELETING',
      version: 8,
      updatedAt: '2030-01-01T13:00:00.000Z',
      deletingSince: '2030-01-01T13:00:00.000Z',
      deleteKind: 'delete',
    });
    expect(values).not.toHaveProperty('failure');
    // A live record gets no TTL.
    expect(values).not.toHaveProperty('expiresAt');
    expect(plan.UpdateExpression).toContain('list_append(if_not_exists(#history, :v');
    expect(Object.values(plan.ExpressionAttributeValues)).toContainEqual([
      { at: '2030-01-01T13:00:00.000Z', by: 'U2', event: 'delete-started', from: 'RUNNING', to: 'DELETING' },
    ]);
    expect(plan.UpdateExpression).not.toContain('REMOVE');
  });

  it('leaves the active index and stamps endedAt when the state ends; remove never clashes with set', () => {
    const plan = planTransition(
      record({ state: 'DELETING' }),
      {
        event: 'deleted',
        by: 'palette',
        at: '2030-01-01T14:00:00.000Z',
        set: { failure: 'kept: set wins over remove' },
        remove: ['failure', 'forceDeleteNoticeTs' as never, 'rejection'],
      },
      RETENTION,
    );
    expect(plan.to).toBe('DELETED');
    expect(setValues(plan)).toMatchObject({
      endedAt: '2030-01-01T14:00:00.000Z',
      state: 'DELETED',
      // The TTL: epoch seconds, the retention after it ended.
      expiresAt: Date.parse('2030-01-01T14:00:00.000Z') / 1000 + RETENTION,
    });
    const removed = plan.UpdateExpression.split(' REMOVE ')[1]!
      .split(', ')
      .map((n) => plan.ExpressionAttributeNames[n]);
    expect(removed.sort()).toEqual(['forceDeleteNoticeTs', 'rejection', 'workPk', 'workSk']);
  });

  it('writes the kept tail of a full history with the new line, in the same update', () => {
    const history = Array.from({ length: HISTORY_LIMIT }, (_, n) => ({
      at: `2030-01-01T12:00:${String(n % 60).padStart(2, '0')}.000Z`,
      by: 'U1',
      event: 'note' as const,
      from: 'RUNNING' as const,
      to: 'RUNNING' as const,
      detail: `note ${n}`,
    }));
    const plan = planTransition(
      record({ history }),
      { event: 'note', by: 'U1', at: '2030-01-01T13:00:00.000Z', detail: 'new' },
      RETENTION,
    );
    const written = setValues(plan).history as { detail: string }[];
    expect(written).toHaveLength(HISTORY_LIMIT);
    expect(written[0]!.detail).toBe('note 1');
    expect(written.at(-1)!.detail).toBe('new');
  });

  it('stores a new approval deadline under approvalExpiresAt: expiresAt is the table’s TTL', () => {
    const plan = planTransition(
      record({ state: 'PENDING_APPROVAL' }),
      {
        event: 'note',
        by: 'bot',
        at: '2030-01-01T13:00:00.000Z',
        set: { expiresAt: '2030-01-03T00:00:00.000Z' },
      },
      RETENTION,
    );
    expect(setValues(plan)).toMatchObject({ approvalExpiresAt: '2030-01-03T00:00:00.000Z' });
    expect(setValues(plan)).not.toHaveProperty('expiresAt');
  });

  it('refuses an event the lifecycle does not allow', () => {
    expect(() =>
      planTransition(record({ state: 'DELETED' }), { event: 'running', by: 'bot', at: 'x' }, RETENTION),
    ).toThrow(InvalidTransitionError);
  });
});
