import { describe, expect, it } from 'vitest';
import { validSpec } from '../../../test/support/fixtures';
import type { ClusterRecord } from '../../domain/cluster';
import { STATES } from '../../domain/lifecycle';
import { IMPLICIT_TEAM } from '../../domain/team';
import { requestMessage, requestStateLine } from './request';

const NOW = new Date('2030-01-01T12:30:00Z');
const at = '2030-01-01T12:00:00Z';

function record(state: ClusterRecord['state'], overrides: Partial<ClusterRecord> = {}): ClusterRecord {
  return {
    id: 'C1',
    name: 'team-a-dev',
    team: IMPLICIT_TEAM,
    spec: validSpec(),
    state,
    requester: 'U0REQUESTER',
    requestedAt: at,
    updatedAt: at,
    expiresAt: '2030-01-02T12:00:00Z',
    slack: { channel: 'C0REQUESTS', threadTs: '1.2' },
    approvals: [{ userId: 'U0APPROVER', at }],
    provisioningSince: at,
    runningSince: at,
    deletingSince: at,
    deletedBy: 'U0REQUESTER',
    endedAt: at,
    version: 1,
    history: [],
    ...overrides,
  };
}

const context = { approvalChannel: 'C0APPROVALS', requiredApprovals: 2, now: NOW };

describe('requestStateLine', () => {
  it('writes every state on one line', () => {
    for (const state of STATES) {
      const line = requestStateLine(
        record(state, state === 'REJECTED' ? { rejection: { userId: 'U0APPROVER', at, reason: 'no' } } : {}),
        context,
      );
      expect(line).not.toContain('\n');
      expect(line.length).toBeGreaterThan(10);
    }
  });

  it('says what matters in each state', () => {
    expect(requestStateLine(record('PENDING_APPROVAL'), context)).toBe(
      ':hourglass_flowing_sand: *Waiting for approval*: see <#C0APPROVALS>. 1 of 2 approvals so far (<@U0APPROVER>). The request expires at Jan 2 12:00 UTC if nobody decides.',
    );
    expect(requestStateLine(record('APPROVED'), context)).toBe(
      ':white_check_mark: *Approved* by <@U0APPROVER>: creating it in Palette.',
    );
    expect(
      requestStateLine(
        record('RUNNING', { scaling: { pool: 'worker-pool', from: 2, to: 3, by: 'U0REQUESTER', since: at } }),
        context,
      ),
    ).toBe(':large_green_circle: *Running* since 12:00 UTC. Resizing `worker-pool` from 2 to 3 nodes.');
    expect(requestStateLine(record('DELETING', { deleteKind: 'abort' }), context)).toBe(
      ':wastebasket: *Deleting* since 12:00 UTC: aborted by <@U0REQUESTER>.',
    );
    expect(
      requestStateLine(
        record('DELETED', {
          forceDeleteAt: at,
          forceDeleteBy: 'U0ADMIN',
          leftovers: { machines: [{ name: 'm', pool: 'p', hostname: 'h' }], total: 1 },
        }),
        context,
      ),
    ).toBe(
      ':black_circle: *Deleted* at 12:00 UTC. Force-deleted: 1 MAAS machine may still be allocated (listed in this thread): release it by hand.',
    );
    expect(requestStateLine(record('DELETED', { goneFromPaletteAt: at }), context)).toBe(
      ':black_circle: *Deleted* at 12:00 UTC. Palette no longer knows it: deleted outside the bot?',
    );
    expect(requestStateLine(record('FAILED', { failure: 'Palette said <no>' }), context)).toBe(
      ':red_circle: *Failed*: Palette said &lt;no&gt;',
    );
  });

  it('keeps the notes under the request', () => {
    const message = requestMessage(record('PENDING_APPROVAL', { approvals: [] }), {
      ...context,
      unreachableChannel: 'C0ELSEWHERE',
    });
    expect(JSON.stringify(message.blocks)).toContain('I could not post in <#C0ELSEWHERE>');
    expect(message.text).toBe('<@U0REQUESTER> requested the cluster "team-a-dev": waiting for approval.');
  });
});
