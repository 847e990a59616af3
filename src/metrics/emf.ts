import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics as PowertoolsMetrics } from '@aws-lambda-powertools/metrics';
import { type DimensionsOf, METRICS, type MetricName } from './catalog';
import type { Metrics } from './port';

/** Where and under which names the metrics go. */
export interface EmfMetricsOptions {
  /** The CloudWatch namespace: one per stage (`maas-chatops/prod`). */
  namespace: string;
  /** The `service` dimension every data point carries (the same for both functions, so their series add up). */
  service: string;
  /** Receives each EMF document as one JSON line; stdout by default, which Lambda ships to CloudWatch Logs. */
  write?: (line: string) => void;
  /** Where Powertools' own warnings go (an empty dimension value, say). */
  logger: Logger;
}

/** One metric under one set of dimension values, with the data points recorded since it was last written. */
interface Series {
  name: MetricName;
  dimensions: Record<string, string>;
  metrics: PowertoolsMetrics;
  stored: number;
}

/**
 * Powertools stores at most 100 values per metric and, at the 100th, prints by itself to stdout: a series is
 * written one value earlier, so every document goes through `write`.
 */
const VALUES_PER_DOCUMENT = 99;

/**
 * Powertools warns whenever a key is in two dimension sets, which is what a rollup is (the same value under a
 * coarser set): that warning is dropped, every other one is logged.
 */
const ROLLUP_OVERLAP = /^EMF key "[^"]+" is defined as both a dimension(?: set)? and dimension set/;

/** The logger Powertools Metrics reports its own problems to. */
type GenericLogger = NonNullable<NonNullable<ConstructorParameters<typeof PowertoolsMetrics>[0]>['logger']>;

/** Powertools' warnings, less the one about rollups. */
function powertoolsLogger(logger: Logger): GenericLogger {
  return {
    debug: (...content) => logger.debug(String(content[0]), ...content.slice(1)),
    info: (...content) => logger.info(String(content[0]), ...content.slice(1)),
    warn: (...content) => {
      if (!ROLLUP_OVERLAP.test(String(content[0]))) logger.warn(String(content[0]), ...content.slice(1));
    },
    error: (...content) => logger.error(String(content[0]), ...content.slice(1)),
  };
}

const pick = (dimensions: Record<string, string>, keys: readonly string[]) =>
  Object.fromEntries(keys.map((key) => [key, dimensions[key] as string]));

/**
 * Metrics in CloudWatch's embedded metric format, built by Powertools: no API call, CloudWatch reads them from the
 * log lines. Each series (a metric under one set of dimension values) becomes one document per flush, listing its
 * values and every dimension set of its catalogue entry (the full one first, then its rollups).
 */
export class EmfMetrics implements Metrics {
  private readonly series = new Map<string, Series>();
  private readonly write: (line: string) => void;
  private readonly warnings: GenericLogger;

  constructor(private readonly options: EmfMetricsOptions) {
    this.write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
    this.warnings = powertoolsLogger(options.logger);
  }

  /** Adds one data point; a series holding Powertools' maximum of values is written at once. */
  add<N extends MetricName>(name: N, value: number, dimensions: DimensionsOf<N>): void {
    const definition = METRICS[name];
    const values = pick(dimensions as Record<string, string>, definition.dimensions);
    const key = [name, ...Object.values(values)].join('\u0000');
    let series = this.series.get(key);
    if (!series) {
      series = { name, dimensions: values, metrics: this.powertools(), stored: 0 };
      this.series.set(key, series);
    }
    series.metrics.addMetric(name, MetricUnit[definition.unit], value);
    series.stored++;
    if (series.stored >= VALUES_PER_DOCUMENT) this.publish(series);
  }

  /** Writes one document per series that recorded something since the last flush. */
  flush(): void {
    for (const series of this.series.values()) if (series.stored > 0) this.publish(series);
  }

  private powertools(): PowertoolsMetrics {
    return new PowertoolsMetrics({
      namespace: this.options.namespace,
      serviceName: this.options.service,
      logger: this.warnings,
    });
  }

  /**
   * Dimension sets are added at each write, not once: on Lambda's multi-concurrency runtime Powertools keeps them
   * per invocation.
   */
  private publish(series: Series): void {
    const { metrics } = series;
    const definition = METRICS[series.name];
    if (definition.dimensions.length > 0) {
      metrics.addDimensions(series.dimensions);
      for (const rollup of definition.rollups) metrics.addDimensions(pick(series.dimensions, rollup));
    }
    try {
      this.write(JSON.stringify(metrics.serializeMetrics()));
    } finally {
      metrics.clearMetrics();
      metrics.clearDimensions();
      series.stored = 0;
    }
  }
}
