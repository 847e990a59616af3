import { describe, expect, it } from 'vitest';
import type { ClusterRecord } from '../../src/domain/cluster';
import { moneyText } from '../../src/domain/figures';
import { note, saveSlackPlaces } from '../../src/jobs/note';
import { runJob } from '../../src/jobs/worker';
import { recordWhen, seedCluster, threadTexts } from '../support/day2';
import { teamPalette, useStack } from '../support/stack';

const stack = useStack();
const slack = () => stack().slack!;
const users = () => slack().users;
const poolUpdates = () => stack().palette!.counters().byOperation.machinePoolUpdate ?? 0;

/** `/maas TEXT` typed by `user`: the ephemeral answer's text. */
async function maas(user: string, text: string): Promise<string> {
  const result = await slack().command(user, '/maas', text);
  expect(result.status).toBe(200);
  expect((result.body as { response_type: string }).response_type).toBe('ephemeral');
  return (result.body as { text: string }).text;
}

describe('/maas scale: validated before anything is sent', () => {
  it('refuses a control plane of 2 with the domain’s message', async () => {
    const record = await seedCluster(stack(), { name: 'scale-cp2' });
    const before = poolUpdates();
    const answer = await maas(users().requester, `scale ${record.name} control-plane-pool 2`);
    expect(answer).toContain('Cannot resize `control-plane-pool` to 2');
    expect(answer).toContain('The control plane has 1, 3 or 5 nodes (an odd number keeps etcd in quorum).');
    await stack().idle();
    expect(poolUpdates()).toBe(before);
  });

  it('refuses an unknown pool (naming the pools), worker sizes out of range, and an unchanged size', async () => {
    const record = await seedCluster(stack(), { name: 'scale-bad' });
    const before = poolUpdates();
    expect(await maas(users().requester, `scale ${record.name} gpu-pool 3`)).toContain(
      'its pools are `control-plane-pool`, `worker-pool`',
    );
    expect(await maas(users().requester, `scale ${record.name} worker-pool 0`)).toContain(
      'A worker pool has at least 1 node.',
    );
    expect(await maas(users().requester, `scale ${record.name} worker-pool 201`)).toContain(
      'A worker pool has at most 200 nodes.',
    );
    expect(await maas(users().requester, `scale ${record.name} worker-pool 2`)).toContain(
      'already has 2 nodes; nothing to change',
    );
    await stack().idle();
    expect(poolUpdates()).toBe(before);
  });

  it('refuses someone who is neither requester nor admin, and a cluster that is not running', async () => {
    const running = await seedCluster(stack(), { name: 'scale-who' });
    expect(await maas(users().outsider, `scale ${running.name} worker-pool 3`)).toContain(
      'Only the requester or admins can scale "scale-who".',
    );
    const provisioning = await seedCluster(stack(), { name: 'scale-early', state: 'PROVISIONING' });
    expect(await maas(users().requester, `scale ${provisioning.name} worker-pool 3`)).toContain(
      'Wait until it is running.',
    );
  });
});

/**
 * A running cluster as its provisioning leaves it: every event so far seen by the poll, "is running" and the
 * status message posted.
 */
async function provisioned(name: string): Promise<ClusterRecord> {
  const seeded = await seedCluster(stack(), { name });
  const { deps } = stack();
  const events = await teamPalette(stack()).clusterEvents(seeded.paletteUid!, 50);
  await deps.store.saveProgress(seeded, { pools: [], seenEventUids: events.map((event) => event.uid) });
  await runJob({ kind: 'poll', clusterId: seeded.id }, deps);
  return (await deps.store.get(seeded.id))!;
}

describe('/maas scale: followed like a provisioning', () => {
  it('follows the resize to "3/3 ready" with events in order, and the status, card and request line follow', async () => {
    const record = await provisioned('scale-follow');
    const { deps } = stack();
    // As the review job leaves it: Palette's findings on the record and the approval card in its channel.
    const reviewed = await note(
      deps,
      record,
      () => ({
        review: {
          validation: { ok: true, messages: [] },
          estimate: { total: 1, currency: 'USD', perPool: [] },
        },
      }),
      'test: reviewed',
    );
    const card = await deps.slack.chat.postMessage({ channel: slack().channels.approvals, text: 'card' });
    await saveSlackPlaces(
      deps,
      reviewed,
      { approvalChannel: slack().channels.approvals, approvalTs: card.ts! },
      'test: card',
    );

    await maas(users().requester, `scale ${record.name} worker-pool 3`);
    await slack().waitFor(() =>
      threadTexts(stack(), record).some((text) => text.includes('is resized: 3/3 nodes ready')),
    );
    await stack().idle();
    const thread = threadTexts(stack(), record);
    const finished = thread.findIndex((text) => text.includes('is resized: 3/3 nodes ready'));
    expect(thread[finished]).toBe(
      `:white_check_mark: <@${users().requester}> *worker-pool* of *scale-follow* is resized: 3/3 nodes ready (2 → 3, took ${thread[finished]!.match(/took ([^)]+)\)/)![1]}).`,
    );
    const resized = thread.findIndex((text) =>
      text.includes('resized *worker-pool* of *scale-follow*: 2 → 3 nodes'),
    );
    expect(resized).toBeGreaterThanOrEqual(0);
    expect(resized).toBeLessThan(finished);
    // Palette's events of the resize came while it ran, between the two, oldest first.
    const events = thread
      .slice(resized + 1, finished)
      .join('\n')
      .split('\n');
    const reasons = events.map((line) => line.match(/` (\w+):/)?.[1]);
    expect(reasons).toEqual(expect.arrayContaining(['MachinePoolScaling', 'CreatingMachine', 'NodeReady']));
    expect(reasons.indexOf('MachinePoolScaling')).toBeLessThan(reasons.indexOf('CreatingMachine'));
    expect(reasons.lastIndexOf('CreatingMachine')).toBeLessThan(reasons.lastIndexOf('NodeReady'));
    const times = events.map((line) => line.match(/`(\d\d:\d\d:\d\d)`/)?.[1] ?? '');
    expect([...times].sort()).toEqual(times);

    const current = (await deps.store.get(record.id))!;
    expect(current.scaling).toBeUndefined();
    expect(current.history.slice(-3).map((entry) => entry.event)).toContain('scale-finished');
    const shown = (ts: string | undefined, channel = record.slack.channel) =>
      JSON.stringify(
        slack().workspace.messages.find((message) => message.channel === channel && message.ts === ts)
          ?.blocks,
      );
    const status = shown(current.slack.statusTs);
    expect(status).toContain('`worker-pool` ▓▓▓▓▓▓▓▓▓▓ 3/3 nodes ready');
    expect(status).not.toContain('Resizing');
    // The card shows the new size and Palette's new estimate; the request line is back to plain Running.
    expect(current.review?.estimate?.total).toBeGreaterThan(1);
    const cardShown = shown(current.slack.approvalTs, slack().channels.approvals);
    expect(cardShown).toContain('*worker-pool* · 3 nodes');
    expect(cardShown).toContain(moneyText(current.review!.estimate!.total, 'USD'));
    expect(shown(record.slack.threadTs)).toContain(':large_green_circle: *Running*');
  });
});

describe('/maas scale: a shrink is followed until the machines are released', () => {
  it('says "1/1 nodes ready" only after Palette released the machine that left', async () => {
    const seeded = await provisioned('scale-in');
    await maas(users().requester, `scale ${seeded.name} worker-pool 1`);
    await slack().waitFor(() =>
      threadTexts(stack(), seeded).some((text) => text.includes('is resized: 1/1 nodes ready')),
    );
    await stack().idle();
    const thread = threadTexts(stack(), seeded);
    const finished = thread.findIndex((text) => text.includes('is resized: 1/1 nodes ready'));
    const released = thread.findIndex((text) => text.includes('MachineDeleted:'));
    expect(released).toBeGreaterThanOrEqual(0);
    expect(released).toBeLessThan(finished);
    const machines = await teamPalette(stack()).poolMachines(seeded.cloudConfigUid!, 'worker-pool');
    expect(machines).toHaveLength(1);
  });
});

describe('/maas scale: the whole pool is PUT', () => {
  it('resizes a worker pool: Palette gets the whole pool, the record and the thread follow', async () => {
    const record = await seedCluster(stack(), { name: 'scale-up' });
    const before = poolUpdates();
    expect(await maas(users().requester, `scale ${record.name} worker-pool 5`)).toContain(
      'Resizing *worker-pool* of *scale-up* from 2 to 5 nodes',
    );
    const scaled = await recordWhen(stack(), record.id, (current) => current.spec.workerPools[0]!.size === 5);
    await stack().idle();
    expect(poolUpdates()).toBe(before + 1);
    expect(stack().palette!.counters().rejectedBodies).toEqual([]);

    // What Palette now holds is the PUT body: every field of the pool, not only its size.
    const config = await teamPalette(stack()).getCloudConfig(record.cloudConfigUid!);
    const pool = config.pools.find((candidate) => candidate.name === 'worker-pool')!;
    expect(pool.entity).toMatchObject({
      cloudConfig: {
        instanceType: { minCPU: 8, minMemInMB: 16384, minDiskSizeInGB: 100 },
        resourcePool: 'default',
        azs: ['az1', 'az2'],
      },
      poolConfig: {
        name: 'worker-pool',
        size: 5,
        labels: ['worker'],
        isControlPlane: false,
        additionalLabels: { role: 'app' },
        updateStrategy: { type: 'RollingUpdateScaleOut' },
      },
    });
    expect(
      stack()
        .palette!.clusters()
        .find((cluster) => cluster.uid === record.paletteUid)!.pools,
    ).toContainEqual(expect.objectContaining({ name: 'worker-pool', size: 5 }));

    expect(scaled.history.find((entry) => entry.event === 'scaled')).toMatchObject({
      event: 'scaled',
      by: users().requester,
      detail: 'worker-pool 2 → 5',
      from: 'RUNNING',
      to: 'RUNNING',
    });
    expect(threadTexts(stack(), record)).toContainEqual(
      expect.stringContaining(`<@${users().requester}> resized *worker-pool* of *scale-up*: 2 → 5 nodes`),
    );

    // A duplicate job finds the pool already at 5: nothing more is sent or said.
    await runJob(
      { kind: 'scale', clusterId: record.id, pool: 'worker-pool', size: 5, by: users().requester },
      stack().deps,
    );
    expect(poolUpdates()).toBe(before + 1);
    expect(
      threadTexts(stack(), record).filter((text) => text.includes('resized *worker-pool*')),
    ).toHaveLength(1);
  });

  it('resizes the control plane to 5 for an admin', async () => {
    const record = await seedCluster(stack(), { name: 'scale-cp' });
    await maas(users().admin, `scale ${record.name} control-plane-pool 5`);
    const scaled = await recordWhen(stack(), record.id, (current) => current.spec.controlPlane.size === 5);
    // The scale job's own entry: the poll it starts may already have added notes after it.
    expect(scaled.history.find((entry) => entry.event === 'scaled')).toMatchObject({
      detail: 'control-plane-pool 3 → 5',
    });
    expect(
      stack()
        .palette!.clusters()
        .find((cluster) => cluster.uid === record.paletteUid)!.pools,
    ).toContainEqual(expect.objectContaining({ name: 'control-plane-pool', isControlPlane: true, size: 5 }));
  });

  it('tells the thread when Palette refuses, and keeps the spec', async () => {
    const record = await seedCluster(stack(), { name: 'scale-refused' });
    stack().palette!.injectOnce('PUT', '/v1/cloudconfigs/maas/:uid/machinePools/:name', {
      status: 409,
      body: { code: 'ClusterNotRunning', message: 'Machine pools are locked during an upgrade' },
    });
    await maas(users().requester, `scale ${record.name} worker-pool 4`);
    await slack().waitFor(() =>
      threadTexts(stack(), record).find((text) =>
        text.includes('Machine pools are locked during an upgrade'),
      ),
    );
    await stack().idle();
    const current = (await stack().deps.store.get(record.id))!;
    expect(current.spec.workerPools[0]!.size).toBe(2);
    expect(current.history.some((entry) => entry.event === 'scaled')).toBe(false);
  });
});
