import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/jobs/job';
import { createWorkerHandler } from '../../src/lambda/worker';
import type { LocalStack } from '../../src/local/stack';
import { readFailedInvocation } from '../../src/ops/redrive';
import { APPROVE_ACTION } from '../../src/slack/blocks/approval-card';
import { CONFIRM_NAME_BLOCK } from '../../src/slack/blocks/delete';
import { recordReaches } from '../support/day2';
import { useStack } from '../support/stack';
import { standIns, submitRequest } from './approvals.support';

const getStack = useStack();

/** Palette operations that change something (reads are fine: a redriven job may look). */
const PALETTE_WRITES = ['create', 'delete', 'forceDelete', 'machinePoolUpdate'];

/** Drops the ids Slack generates for blocks the bot leaves unnamed, so a re-render of the same content compares equal. */
const withoutGeneratedIds = (value: unknown): unknown =>
  JSON.parse(
    JSON.stringify(value ?? null, (key, inner) =>
      key === 'block_id' || key === 'action_id' ? undefined : inner,
    ),
  );

/** Everything people and Palette could see of a cluster: its record, every Slack message, Palette's writes. */
async function visible(stack: LocalStack, id: string) {
  const { slack, palette } = standIns(stack);
  await stack.idle();
  const record = await stack.deps.store.get(id);
  const channels = [slack.channels.requests, slack.channels.approvals];
  const users = Object.values(slack.users);
  const counters = palette.counters().byOperation;
  return {
    record: { version: record?.version, state: record?.state, history: record?.history },
    messages: channels.flatMap((channel) =>
      slack.messages(channel).map((message) => ({
        ts: message.ts,
        threadTs: message.threadTs,
        text: message.text,
        blocks: withoutGeneratedIds(message.blocks),
      })),
    ),
    ephemerals: users.flatMap((user) => slack.ephemerals(user).map((message) => message.text)),
    paletteWrites: Object.fromEntries(
      PALETTE_WRITES.map((operation) => [operation, counters[operation] ?? 0]),
    ),
    paletteClusters: palette.clusters().map((cluster) => [cluster.uid, cluster.state]),
  };
}

/**
 * Each job as the on-failure queue would hold it (Lambda's invocation record), read back by the redrive and
 * handed to the worker's Lambda handler — exactly what `npm run redrive` makes Lambda do.
 */
async function redriveAll(stack: LocalStack, jobs: Job[]): Promise<void> {
  const worker = createWorkerHandler(async () => stack.deps);
  for (const job of jobs) {
    const failure = readFailedInvocation({
      MessageId: `m-${job.kind}`,
      ReceiptHandle: `r-${job.kind}`,
      Body: JSON.stringify({
        version: '1.0',
        timestamp: new Date().toISOString(),
        requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
        requestPayload: job,
        responsePayload: { errorType: 'Error', errorMessage: 'Palette answered HTTP 503.' },
      }),
    });
    expect(failure.job).toEqual(job);
    await worker(failure.payload);
    await stack.idle();
  }
}

describe('a redrive of jobs that have since succeeded', () => {
  it('changes nothing: the same jobs again, on a running and then on a deleted cluster, leave everything as it was', async () => {
    const stack = getStack();
    const { slack } = standIns(stack);
    const { record, card } = await submitRequest(stack, { name: 'redriven' });
    await slack.click(slack.users.approver, card, APPROVE_ACTION);
    await recordReaches(stack, record.id, 'RUNNING');
    const clusterId = record.id;
    const everyClusterJob: Job[] = [
      { kind: 'review', clusterId },
      { kind: 'decision', clusterId },
      { kind: 'create', clusterId },
      { kind: 'poll', clusterId },
      { kind: 'expire', clusterId },
      { kind: 'delete', clusterId },
      { kind: 'force-delete-window', clusterId },
      { kind: 'force-delete', clusterId },
    ];

    const running = await visible(stack, clusterId);
    expect(running.paletteWrites.create).toBe(1);
    await redriveAll(stack, everyClusterJob);
    expect(await visible(stack, clusterId)).toEqual(running);

    await slack.command(slack.users.requester, '/maas', 'delete redriven');
    const confirmation = slack.views(slack.users.requester).at(-1)!;
    await slack.submit(slack.users.requester, confirmation.id, { [CONFIRM_NAME_BLOCK]: 'redriven' });
    await recordReaches(stack, clusterId, 'DELETED');
    const deleted = await visible(stack, clusterId);
    expect(deleted.paletteWrites.delete).toBe(1);
    await redriveAll(stack, everyClusterJob);
    expect(await visible(stack, clusterId)).toEqual(deleted);
  });
});
