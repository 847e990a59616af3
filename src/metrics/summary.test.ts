import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { EmfMetrics } from './emf';
import { MetricsSummary } from './summary';

/** A summary fed by EmfMetrics, as `npm start` wires them. */
function wired() {
  const summary = new MetricsSummary();
  const metrics = new EmfMetrics({
    namespace: 'maas-chatops/local',
    service: 'maas-chatops',
    write: summary.write,
    logger: new Logger({ serviceName: 'test' }),
  });
  return { summary, metrics };
}

describe('MetricsSummary', () => {
  it('says so when nothing was recorded', () => {
    expect(new MetricsSummary().render()).toBe('Metrics: none recorded yet.');
  });

  it('sums counts and gives durations as n, p50, p95 and max, per series, across flushes', () => {
    const { summary, metrics } = wired();
    metrics.add('Jobs', 1, { kind: 'create', outcome: 'ok' });
    metrics.flush();
    metrics.add('Jobs', 1, { kind: 'create', outcome: 'ok' });
    metrics.add('Jobs', 1, { kind: 'poll', outcome: 'retried' });
    for (let ms = 1; ms <= 100; ms++) metrics.add('SlackAckLatency', ms, { kind: 'command' });
    metrics.flush();

    expect(summary.render().split('\n')).toEqual([
      'Metrics (namespace maas-chatops/local):',
      '  Jobs             kind=create outcome=ok     2',
      '  Jobs             kind=poll outcome=retried  1',
      '  SlackAckLatency  kind=command               n 100, p50 50 ms, p95 95 ms, max 100 ms',
    ]);
  });
});
