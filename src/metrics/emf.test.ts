import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EmfDocument } from '../../test/support/metrics';
import { EmfMetrics } from './emf';

/** EmfMetrics writing into an array, with a logger whose warnings are collected too. */
function recording() {
  const lines: string[] = [];
  const logger = new Logger({ serviceName: 'test', logLevel: 'WARN' });
  const warnings: string[] = [];
  vi.spyOn(logger, 'warn').mockImplementation((...[message]: unknown[]) => {
    warnings.push(String(message));
  });
  const metrics = new EmfMetrics({
    namespace: 'maas-chatops/test',
    service: 'maas-chatops',
    write: (line) => lines.push(line),
    logger,
  });
  const documents = () => lines.map((line) => JSON.parse(line) as EmfDocument);
  return { metrics, lines, documents, warnings };
}

afterEach(() => vi.restoreAllMocks());

describe('EmfMetrics', () => {
  it('writes one EMF document per series on flush, with its full dimension set first, then its rollups', () => {
    const { metrics, documents } = recording();
    metrics.add('PaletteCalls', 1, { prefix: '/v1/spectroclusters', statusClass: '5xx' });
    metrics.add('PaletteCalls', 1, { prefix: '/v1/spectroclusters', statusClass: '5xx' });
    metrics.add('PaletteCalls', 1, { prefix: '/v1/dashboard', statusClass: '2xx' });
    metrics.add('RequestToRunning', 75, {});
    expect(documents()).toEqual([]);
    metrics.flush();

    const [spectro, dashboard, running] = documents();
    expect(spectro).toEqual({
      _aws: {
        Timestamp: expect.any(Number),
        CloudWatchMetrics: [
          {
            Namespace: 'maas-chatops/test',
            Dimensions: [['service', 'prefix', 'statusClass'], ['service', 'statusClass'], ['service']],
            Metrics: [{ Name: 'PaletteCalls', Unit: 'Count' }],
          },
        ],
      },
      service: 'maas-chatops',
      prefix: '/v1/spectroclusters',
      statusClass: '5xx',
      PaletteCalls: [1, 1],
    });
    expect(dashboard).toMatchObject({ prefix: '/v1/dashboard', statusClass: '2xx', PaletteCalls: 1 });
    expect(running).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Dimensions: [['service']], Metrics: [{ Unit: 'Seconds' }] }] },
      RequestToRunning: 75,
    });
    expect(documents()).toHaveLength(3);
  });

  it('writes nothing for a series with nothing new, and the dimensions again after each flush', () => {
    const { metrics, documents } = recording();
    metrics.add('Jobs', 1, { kind: 'create', outcome: 'ok' });
    metrics.flush();
    metrics.flush();
    expect(documents()).toHaveLength(1);
    metrics.add('Jobs', 1, { kind: 'create', outcome: 'ok' });
    metrics.flush();
    const second = documents()[1]!;
    expect(second._aws.CloudWatchMetrics[0]!.Dimensions).toEqual([
      ['service', 'kind', 'outcome'],
      ['service', 'outcome'],
    ]);
    expect(second).toMatchObject({ kind: 'create', outcome: 'ok', Jobs: 1 });
  });

  it('writes a series by itself before Powertools would print it to stdout (100 values)', () => {
    const { metrics, documents } = recording();
    const stdout = vi.spyOn(process.stdout, 'write');
    for (let index = 0; index < 250; index++) metrics.add('SlackAckLatency', index, { kind: 'command' });
    metrics.flush();
    expect(stdout).not.toHaveBeenCalled();
    const values = documents().map((document) => document.SlackAckLatency as number[]);
    expect(values.map((batch) => batch.length)).toEqual([99, 99, 52]);
    expect(values.flat()).toEqual(Array.from({ length: 250 }, (_, index) => index));
  });

  it('drops Powertools’ warning about a rollup sharing keys, and logs its other warnings', () => {
    const { metrics, warnings } = recording();
    metrics.add('Jobs', 1, { kind: 'poll', outcome: 'retried' });
    metrics.add('Jobs', 1, { kind: '', outcome: 'dropped' });
    metrics.flush();
    expect(warnings.some((warning) => warning.includes('defined as both'))).toBe(false);
    expect(warnings.some((warning) => warning.includes('dimension kind'))).toBe(true);
  });
});
