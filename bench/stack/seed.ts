import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { IMPLICIT_TEAM } from '../../src/domain/team';
import { addSeconds } from '../../src/domain/time';
import { forEachBounded } from '../../src/jobs/pace';
import { localDocumentClient } from '../../src/local/dynalite';
import type { SimCluster } from '../../src/local/palette/simulator';
import type { LocalStack } from '../../src/local/stack';
import { clusterItem } from '../../src/store/items';
import { validSpec } from '../../test/support/fixtures';

/** DynamoDB's largest batch write. */
const BATCH = 25;

/**
 * Stores one RUNNING record per simulator cluster (same name, its Palette uid). The first is brought there through
 * the lifecycle as the bot's own transitions would (request → approved → created → running); the others are that
 * record's item with their own id, name and uid, written in batches — what the lifecycle leaves, without 4 writes
 * and a quota-ledger entry per cluster (the sweep reads records, not ledgers).
 */
export async function seedRunningRecords(stack: LocalStack, clusters: readonly SimCluster[]): Promise<void> {
  const [first, ...rest] = clusters;
  if (!first) return;
  const { store, config } = stack.deps;
  const requester = stack.slack?.users.requester ?? 'U0REQUESTER';
  const at = stack.deps.now().toISOString();
  let record = await store.create({
    team: IMPLICIT_TEAM,
    id: ulid(),
    name: first.name,
    spec: validSpec({ name: first.name }),
    requester,
    requestedAt: at,
    expiresAt: addSeconds(at, 86_400),
    slack: { channel: stack.slack?.channels.requests ?? 'C0REQUESTS', threadTs: '1700000000.000100' },
  });
  for (const [event, set] of [
    ['approved', {}],
    ['created', { paletteUid: first.uid, provisioningSince: at }],
    ['running', { runningSince: at }],
  ] as const)
    record = await store.apply(record, { event, by: 'bench', at, set });

  const client = localDocumentClient(stack.dynamoEndpoint);
  try {
    const batches: SimCluster[][] = [];
    for (let start = 0; start < rest.length; start += BATCH) batches.push(rest.slice(start, start + BATCH));
    await forEachBounded(batches, 4, async (batch) => {
      const requests = batch.map((cluster) => ({
        PutRequest: {
          Item: clusterItem({
            ...record,
            id: ulid(),
            name: cluster.name,
            spec: { ...record.spec, name: cluster.name },
            paletteUid: cluster.uid,
          }),
        },
      }));
      let unprocessed: typeof requests | undefined = requests;
      while (unprocessed && unprocessed.length > 0) {
        const answer = await client.send(
          new BatchWriteCommand({ RequestItems: { [config.tableName]: unprocessed } }),
        );
        unprocessed = answer.UnprocessedItems?.[config.tableName] as typeof requests | undefined;
      }
    });
  } finally {
    client.destroy();
  }
}
