import { ulid } from 'ulid';
import { IMPLICIT_TEAM } from '../../src/domain/team';
import { addSeconds } from '../../src/domain/time';
import { forEachBounded } from '../../src/jobs/pace';
import type { SimCluster } from '../../src/local/palette/simulator';
import type { LocalStack } from '../../src/local/stack';
import { validSpec } from '../../test/support/fixtures';

/**
 * Stores one RUNNING record per simulator cluster (same name, its Palette uid), brought there through the
 * lifecycle as the bot's own transitions would (request → approved → created → running).
 */
export async function seedRunningRecords(stack: LocalStack, clusters: readonly SimCluster[]): Promise<void> {
  const { store } = stack.deps;
  const requester = stack.slack?.users.requester ?? 'U0REQUESTER';
  const at = stack.deps.now().toISOString();
  await forEachBounded(clusters, 16, async (cluster) => {
    let record = await store.create({
      team: IMPLICIT_TEAM,
      id: ulid(),
      name: cluster.name,
      spec: validSpec({ name: cluster.name }),
      requester,
      requestedAt: at,
      expiresAt: addSeconds(at, 86_400),
      slack: { channel: stack.slack?.channels.requests ?? 'C0REQUESTS', threadTs: '1700000000.000100' },
    });
    for (const [event, set] of [
      ['approved', {}],
      ['created', { paletteUid: cluster.uid, provisioningSince: at }],
      ['running', { runningSince: at }],
    ] as const)
      record = await store.apply(record, { event, by: 'bench', at, set });
  });
}
