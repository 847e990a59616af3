import { describe, expect, it } from 'vitest';
import { validSpec } from '../../../test/support/fixtures';
import { loadConfig } from '../../config';
import type { ClusterRecord } from '../../domain/cluster';
import { IMPLICIT_TEAM } from '../../domain/team';
import { checkMessageBlocks } from '../../local/slack/blockkit';
import { statusMessage } from './status';

const NOW = new Date('2030-01-01T12:30:00Z');
const at = '2030-01-01T12:00:00Z';
const config = loadConfig({
  SLACK_SIGNING_SECRET: 'secret',
  SLACK_BOT_TOKEN: 'xoxb-token',
  PALETTE_API_KEY: 'key',
  APPROVAL_CHANNEL: 'C0APPROVALS',
});

/** Palette's last word on a healthy running cluster whose worker pool has 2 nodes ready of `workerDesired`. */
function runningProgress(revision: number, workerDesired: number): NonNullable<ClusterRecord['progress']> {
  return {
    revision,
    paletteState: 'Running',
    health: 'Healthy',
    pools: [
      { name: 'control-plane-pool', ready: 1, desired: 1 },
      { name: 'worker-pool', ready: 2, desired: workerDesired },
    ],
    seenEventUids: [],
  };
}

/** A record as a poll leaves it: Palette last read Running and Healthy, every node ready. */
function record(overrides: Partial<ClusterRecord>): ClusterRecord {
  return {
    id: 'C1',
    name: 'team-a-dev',
    team: IMPLICIT_TEAM,
    spec: validSpec(),
    state: 'RUNNING',
    requester: 'U0REQUESTER',
    requestedAt: at,
    updatedAt: at,
    expiresAt: at,
    slack: { channel: 'C0REQUESTS', threadTs: '1.2', statusTs: '1.3' },
    approvals: [],
    paletteUid: 'p-1',
    provisioningSince: at,
    runningSince: at,
    progress: runningProgress(3, 2),
    version: 5,
    history: [],
    ...overrides,
  };
}

const all = (message: { text: string; blocks?: unknown[] }) =>
  `${message.text}\n${JSON.stringify(message.blocks)}`;

describe('statusMessage', () => {
  it('never shows a deleted cluster with what Palette said while it ran', () => {
    const message = statusMessage(
      record({ state: 'DELETED', deletingSince: at, deletedBy: 'U0REQUESTER', endedAt: at }),
      config,
      NOW,
    );
    const shown = all(message);
    expect(shown).toContain(':black_circle: Deleted');
    expect(shown).toContain('Every machine is released.');
    expect(shown).not.toMatch(/Palette: Running|Healthy|nodes ready|Open in Palette/);
    expect(message.text).toBe('team-a-dev: :black_circle: Deleted');
  });

  it('says machines may be left after a force delete, and why a vanished cluster ended', () => {
    const forced = all(
      statusMessage(
        record({
          state: 'DELETED',
          deletingSince: at,
          deletedBy: 'U0REQUESTER',
          forceDeleteAt: at,
          forceDeleteBy: 'U0ADMIN',
          leftovers: { machines: [{ name: 'm1', pool: 'worker-pool', hostname: 'calm-fox' }], total: 2 },
        }),
        config,
        NOW,
      ),
    );
    expect(forced).toContain(
      'Force-deleted by <@U0ADMIN>: Palette did not wait for its machines. 2 MAAS machines may still be allocated (listed in this thread): release them by hand.',
    );
    expect(forced).not.toContain('Every machine is released');
    const gone = all(statusMessage(record({ state: 'DELETED', goneFromPaletteAt: at }), config, NOW));
    expect(gone).toContain('Palette no longer knows this cluster: deleted outside the bot?');
  });

  it('shows a resize under way, with its elapsed time, within Block Kit’s limits', () => {
    const message = statusMessage(
      record({
        scaling: { pool: 'worker-pool', from: 2, to: 3, by: 'U0REQUESTER', since: '2030-01-01T12:29:00Z' },
        progress: runningProgress(4, 3),
      }),
      config,
      NOW,
    );
    const shown = all(message);
    expect(shown).toContain(':straight_ruler: Resizing `worker-pool` from 2 to 3 nodes…');
    expect(shown).toContain('`worker-pool` ▓▓▓▓▓▓▓░░░ 2/3 nodes ready');
    expect(shown).toContain('1 min elapsed since the resize');
    expect(message.text).toBe('team-a-dev: :large_green_circle: Running, 3/4 nodes ready');
    const checked = checkMessageBlocks(message.blocks);
    expect(checked.ok).toBe(true);
  });
});
