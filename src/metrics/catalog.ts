/** The `service` dimension of every metric: both functions and the local runtime add up in one series. */
export const METRICS_SERVICE = 'maas-chatops';

/**
 * Every metric the bot emits: its unit, the dimensions each data point carries, and the coarser dimension sets it
 * is also published under (so an alarm or a graph can sum across a dimension without a SEARCH expression).
 * Dimension values always come from small fixed sets (kinds, outcomes, path prefixes, status classes): never a
 * user id, a cluster name or anything else that grows with use, which would make a CloudWatch metric per value.
 */
export const METRICS = {
  /** Slack requests answered, by payload kind and outcome. */
  SlackRequests: { unit: 'Count', dimensions: ['kind', 'outcome'], rollups: [['outcome']] },
  /** Time from a verified Slack request to its answer (Slack gives up after 3 s). */
  SlackAckLatency: { unit: 'Milliseconds', dimensions: ['kind'], rollups: [[]] },
  /** Slack Web API answers 429 (rate limited), by method. */
  SlackRateLimited: { unit: 'Count', dimensions: ['method'], rollups: [[]] },
  /** Status-message progress edits skipped because Slack's budget for edits was short (the next poll shows it). */
  SlackEditsSkipped: { unit: 'Count', dimensions: [], rollups: [] },
  /**
   * Job runs by kind and outcome: ok, retried (the runtime runs it again), dropped (given up), deferred (Slack's
   * budget had no room: scheduled again a tier window later).
   */
  Jobs: { unit: 'Count', dimensions: ['kind', 'outcome'], rollups: [['outcome']] },
  /** How long one run of a job took, whatever its outcome. */
  JobDuration: { unit: 'Milliseconds', dimensions: ['kind'], rollups: [] },
  /** Palette calls as the bot saw them (after retries), by rate-limit prefix and status class. */
  PaletteCalls: { unit: 'Count', dimensions: ['prefix', 'statusClass'], rollups: [['statusClass'], []] },
  /** How long a Palette call took, retries and pacing included. */
  PaletteLatency: { unit: 'Milliseconds', dimensions: ['prefix'], rollups: [] },
  /** Palette answers 429 TooManyRequests (each attempt). */
  PaletteThrottled: { unit: 'Count', dimensions: ['prefix'], rollups: [[]] },
  /** Palette calls sent again after a 429, a 5xx or a connection failure. */
  PaletteRetries: { unit: 'Count', dimensions: ['prefix'], rollups: [[]] },
  /** Creates, deletes, aborts and force deletes Palette accepted or refused. */
  ClusterOperations: { unit: 'Count', dimensions: ['operation', 'outcome'], rollups: [] },
  /** From the request in Slack to the cluster running (approval wait included). */
  RequestToRunning: { unit: 'Seconds', dimensions: [], rollups: [] },
  /** Reconciler sweeps by outcome: complete, or unfinished (stopped at its time budget). */
  Sweeps: { unit: 'Count', dimensions: ['outcome'], rollups: [] },
  /** How long a reconciler sweep took. */
  SweepDuration: { unit: 'Milliseconds', dimensions: [], rollups: [] },
  /** Active clusters a sweep checked. */
  ClustersSwept: { unit: 'Count', dimensions: [], rollups: [] },
  /** Pages of Palette's cluster search a sweep read. */
  SweepPages: { unit: 'Count', dimensions: [], rollups: [] },
  /** Clusters a sweep read one by one (no page listed them). */
  SweepSingleReads: { unit: 'Count', dimensions: [], rollups: [] },
} as const satisfies Record<string, MetricDefinition>;

/** How a metric is published. */
export interface MetricDefinition {
  unit: 'Count' | 'Milliseconds' | 'Seconds';
  dimensions: readonly string[];
  /** Subsets of `dimensions` the metric is also published under; `[]` is the metric across all of them. */
  rollups: readonly (readonly string[])[];
}

/** A metric's name. */
export type MetricName = keyof typeof METRICS;

/** The values a data point of metric `N` names, one per dimension. */
export type DimensionsOf<N extends MetricName> = {
  [D in (typeof METRICS)[N]['dimensions'][number]]: string;
};

/** Outcome of a Slack request: answered by a listener, by the fallback, at the ack guard, or refused. */
export type SlackOutcome = 'ok' | 'failed' | 'timeout' | 'malformed' | 'refused';

/** Outcome of one job run. */
export type JobOutcome = 'ok' | 'retried' | 'dropped';

/** A status code as its class (`2xx`, `4xx`, `5xx`), `network` when no answer came. */
export function statusClass(status: number): string {
  return status === 0 ? 'network' : `${Math.floor(status / 100)}xx`;
}
