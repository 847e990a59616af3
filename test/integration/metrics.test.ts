import { describe, expect, it } from 'vitest';
import type { MetricName } from '../../src/metrics/catalog';
import { send, signedPost } from '../resilience/support/signed';
import { requestToDeletion } from '../support/lifecycle';
import { type EmfDocument, recordedMetrics } from '../support/metrics';
import { teamPalette, useStack } from '../support/stack';

/** The whole bot, its metrics written as EMF documents into memory (the lines Lambda would print). */
const recorded = recordedMetrics('maas-chatops/ci');
const getStack = useStack({ metrics: recorded.metrics });

/** The documents of `name` written since `before` documents, with their dimension values. */
function since(before: number, name: MetricName): EmfDocument[] {
  return recorded
    .documents()
    .slice(before)
    .filter((document) => name in document);
}

/** The sum of the values of `name` under `dimensions`, in documents written since `before`. */
function sumSince(before: number, name: MetricName, dimensions: Record<string, string>): number {
  return since(before, name)
    .filter((document) => Object.entries(dimensions).every(([key, value]) => document[key] === value))
    .flatMap((document) => [document[name]].flat() as number[])
    .reduce((sum, value) => sum + value, 0);
}

/** The EMF directive of a document: namespace, dimension sets, metric definitions. */
const directive = (document: EmfDocument) => document._aws.CloudWatchMetrics[0]!;

describe('metrics, read back from the EMF documents the runtime writes', () => {
  it('a Slack request: counted by kind and outcome and its answer timed; a forged one counted refused', async () => {
    const stack = getStack();
    const before = recorded.documents().length;
    const answer = await stack.slack!.command(stack.slack!.users.requester, '/maas', 'help');
    expect(answer.status).toBe(200);
    const forged = await send(stack.url, signedPost('not-the-signing-secret', 'command=/maas&text=help'));
    expect(forged.status).toBe(401);

    const [request] = since(before, 'SlackRequests').filter((document) => document.kind === 'command');
    expect(request).toMatchObject({
      service: 'maas-chatops',
      kind: 'command',
      outcome: 'ok',
      SlackRequests: 1,
    });
    expect(directive(request!)).toEqual({
      Namespace: 'maas-chatops/ci',
      Dimensions: [
        ['service', 'kind', 'outcome'],
        ['service', 'outcome'],
      ],
      Metrics: [{ Name: 'SlackRequests', Unit: 'Count' }],
    });
    const [latency] = since(before, 'SlackAckLatency');
    expect(directive(latency!)).toMatchObject({
      Dimensions: [['service', 'kind'], ['service']],
      Metrics: [{ Name: 'SlackAckLatency', Unit: 'Milliseconds' }],
    });
    expect(latency).toMatchObject({ kind: 'command', SlackAckLatency: expect.any(Number) });
    expect(sumSince(before, 'SlackRequests', { kind: 'unverified', outcome: 'refused' })).toBe(1);
  });

  it('a job: counted ok by kind and timed; the sweep it ran: its duration, clusters swept, outcome', async () => {
    const stack = getStack();
    const before = recorded.documents().length;
    await stack.deps.jobs.dispatch({ kind: 'reconcile' });
    await stack.idle();

    const [job] = since(before, 'Jobs');
    expect(job).toMatchObject({ kind: 'reconcile', outcome: 'ok', Jobs: 1 });
    expect(directive(job!).Dimensions).toEqual([
      ['service', 'kind', 'outcome'],
      ['service', 'outcome'],
    ]);
    expect(since(before, 'JobDuration')).toEqual([
      expect.objectContaining({ kind: 'reconcile', JobDuration: expect.any(Number) }),
    ]);
    expect(sumSince(before, 'Sweeps', { outcome: 'complete' })).toBe(1);
    for (const name of ['SweepDuration', 'ClustersSwept'] as const) {
      const [sweep] = since(before, name);
      expect(directive(sweep!).Dimensions).toEqual([['service']]);
      expect(sweep![name]).toEqual(expect.any(Number));
    }
  });

  it('Palette errors: a 429 counted throttled and retried, a 500 counted 5xx under its prefix', async () => {
    const stack = getStack();
    const palette = stack.palette!;
    const before = recorded.documents().length;
    palette.injectOnce('POST', '/v1/dashboard/clusterprofiles', { status: 429 });
    await teamPalette(stack).listMaasProfiles();
    palette.injectOnce('GET', '/v1/overlords', { status: 500 });
    await expect(teamPalette(stack).listGateways()).rejects.toMatchObject({ status: 500 });

    expect(sumSince(before, 'PaletteThrottled', { prefix: '/v1/dashboard' })).toBe(1);
    expect(sumSince(before, 'PaletteRetries', { prefix: '/v1/dashboard' })).toBe(1);
    expect(sumSince(before, 'PaletteCalls', { prefix: '/v1/dashboard', statusClass: '2xx' })).toBe(1);
    expect(sumSince(before, 'PaletteCalls', { prefix: '/v1/overlords', statusClass: '5xx' })).toBe(1);
    // A plain 500 is Palette's own bug: never retried.
    expect(sumSince(before, 'PaletteRetries', { prefix: '/v1/overlords' })).toBe(0);
    const [failed] = since(before, 'PaletteCalls').filter((document) => document.statusClass === '5xx');
    expect(directive(failed!).Dimensions).toEqual([
      ['service', 'prefix', 'statusClass'],
      ['service', 'statusClass'],
      ['service'],
    ]);
    expect(since(before, 'PaletteLatency').map((document) => document.prefix)).toEqual(
      expect.arrayContaining(['/v1/dashboard', '/v1/overlords']),
    );
  });

  it('a cluster from request to deletion: one create and one delete accepted, its time to Running', async () => {
    const stack = getStack();
    const before = recorded.documents().length;
    await requestToDeletion(stack, 'metrics-life');

    expect(sumSince(before, 'ClusterOperations', { operation: 'create', outcome: 'accepted' })).toBe(1);
    expect(sumSince(before, 'ClusterOperations', { operation: 'delete', outcome: 'accepted' })).toBe(1);
    const [running] = since(before, 'RequestToRunning');
    expect(directive(running!)).toMatchObject({
      Dimensions: [['service']],
      Metrics: [{ Name: 'RequestToRunning', Unit: 'Seconds' }],
    });
    expect(running!.RequestToRunning).toBeGreaterThan(0);
    for (const kind of ['review', 'decision', 'create', 'poll', 'delete'])
      expect(sumSince(before, 'Jobs', { kind, outcome: 'ok' }), kind).toBeGreaterThan(0);
    // Never a user id or a cluster name as a dimension value.
    const values = recorded.documents().flatMap((document) =>
      directive(document)
        .Dimensions.flat()
        .map((key) => String(document[key])),
    );
    expect(values.filter((value) => /^U0|metrics-life/.test(value))).toEqual([]);
  });
});
