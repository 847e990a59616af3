import { Logger } from '@aws-lambda-powertools/logger';
import { METRICS_SERVICE, type MetricName } from '../../src/metrics/catalog';
import { EmfMetrics } from '../../src/metrics/emf';

/** An EMF document as CloudWatch reads it from a log line. */
export interface EmfDocument {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [key: string]: unknown;
}

/** Metrics as a runtime would emit them, written into memory, and ways to read the EMF documents back. */
export interface RecordedMetrics {
  metrics: EmfMetrics;
  /** Every document written so far, without flushing (what a runtime has flushed by itself). */
  written(): EmfDocument[];
  /** Flushes, then every document written so far. */
  documents(): EmfDocument[];
  /** Flushes, then the documents of metric `name` whose dimension values include `dimensions`. */
  find(name: MetricName, dimensions?: Record<string, string>): EmfDocument[];
  /** Flushes, then every value of metric `name` under `dimensions` (documents may carry one value or a list). */
  values(name: MetricName, dimensions?: Record<string, string>): number[];
}

/** EmfMetrics (Powertools) writing EMF lines into an array instead of stdout. */
export function recordedMetrics(namespace = 'maas-chatops/test'): RecordedMetrics {
  const lines: string[] = [];
  const metrics = new EmfMetrics({
    namespace,
    service: METRICS_SERVICE,
    write: (line) => lines.push(line),
    logger: new Logger({ serviceName: 'maas-chatops-test', logLevel: 'WARN' }),
  });
  const written = () => lines.map((line) => JSON.parse(line) as EmfDocument);
  const documents = () => {
    metrics.flush();
    return written();
  };
  const find = (name: MetricName, dimensions: Record<string, string> = {}) =>
    documents().filter(
      (document) =>
        document._aws.CloudWatchMetrics[0]!.Metrics.some((metric) => metric.Name === name) &&
        Object.entries(dimensions).every(([key, value]) => document[key] === value),
    );
  return {
    metrics,
    written,
    documents,
    find,
    values: (name, dimensions) =>
      find(name, dimensions).flatMap((document) => [document[name]].flat() as number[]),
  };
}
