import type { Logger } from '@aws-lambda-powertools/logger';
import { type Config, ConfigError, readConfig, secretValues } from '../config';
import type { Deps } from '../deps';
import type { Jobs } from '../jobs/port';
import { auditLog, createLogger } from '../log';
import type { Maas } from '../maas/port';
import { METRICS_SERVICE } from '../metrics/catalog';
import { EmfMetrics } from '../metrics/emf';
import type { Metrics } from '../metrics/port';
import type { PaletteProjects } from '../palette/port';
import type { Scheduler } from '../scheduler/port';
import { createSlackWebClient } from '../slack/client';
import type { ClusterStore } from '../store/port';
import { lazyPort, lazyProjects } from './lazy';

/** The AWS wiring, which only exists on Lambda: a configuration without it cannot run there. */
function requireAws(config: Config): NonNullable<Config['aws']> {
  if (config.aws) return config.aws;
  throw new ConfigError([
    'WORKER_FUNCTION_ARN, SCHEDULER_ROLE_ARN and SCHEDULE_GROUP are required on Lambda (serverless.yml sets them).',
  ]);
}

/**
 * How to build each adapter. Each imports its module when called, so the part of the AWS SDK (or undici) it needs
 * is loaded only by a runtime that builds it (with code splitting, the Lambda bundles keep them in their own chunks).
 */
function adapterBuilders(
  config: Config,
  aws: NonNullable<Config['aws']>,
  observe: { logger: Logger; metrics: Metrics },
) {
  return {
    store: async (): Promise<ClusterStore> => {
      const [{ DynamoClusterStore }, { createDocumentClient }] = await Promise.all([
        import('../store/dynamo'),
        import('../store/client'),
      ]);
      return new DynamoClusterStore(
        createDocumentClient({ region: aws.region }),
        config.tableName,
        () => new Date(),
        {
          defaultTeam: config.teams.defaultTeam,
          recordRetentionDays: config.recordRetentionDays,
          audit: auditLog(observe.logger),
        },
      );
    },
    jobs: async (): Promise<Jobs> => {
      const [{ LambdaClient }, { LambdaJobs }] = await Promise.all([
        import('@aws-sdk/client-lambda'),
        import('../jobs/lambda'),
      ]);
      return new LambdaJobs(new LambdaClient({ region: aws.region }), aws.workerFunctionArn);
    },
    scheduler: async (jobs: Jobs): Promise<Scheduler> => {
      const [{ SchedulerClient }, { EventBridgeScheduler }] = await Promise.all([
        import('@aws-sdk/client-scheduler'),
        import('../scheduler/eventbridge'),
      ]);
      return new EventBridgeScheduler({
        client: new SchedulerClient({ region: aws.region }),
        groupName: aws.scheduleGroup,
        workerArn: aws.workerFunctionArn,
        roleArn: aws.schedulerRoleArn,
        jobs,
      });
    },
    palettes: async (): Promise<PaletteProjects> => {
      const { createPaletteProjects } = await import('../palette/client');
      return createPaletteProjects({ ...config.palette, metrics: observe.metrics });
    },
    maas: async (maas: NonNullable<Config['maas']>): Promise<Maas> => {
      const { createMaasClient } = await import('../maas/client');
      return createMaasClient(maas);
    },
  };
}

/**
 * Everything a Lambda runtime uses (Deps), once per container: configuration from the environment plus the secrets
 * (read by the caller, `readParameterSecrets`) and the teams file shipped with the stack (TEAMS_FILE), and DynamoDB,
 * Lambda async jobs, EventBridge Scheduler, Palette per project and (optionally) MAAS, each built on its first call.
 * A request or a job loads only the adapters it uses (with their part of the AWS SDK, undici or yaml): `/maas help`
 * none, a reconcile sweep of a quiet table only DynamoDB.
 */
export async function createAwsDeps(options: {
  serviceName: string;
  /** How long a Slack call may take, retries included (SLACK_BUDGET_MS in src/slack/client.ts). */
  slackBudgetMs: number;
  /** The secrets read from SSM, as variables (they take precedence over the environment). */
  secrets: Record<string, string>;
  env?: Record<string, string | undefined>;
}): Promise<Deps> {
  const config = await readConfig({ ...(options.env ?? process.env), ...options.secrets });
  const aws = requireAws(config);
  const logger = createLogger(options.serviceName, secretValues(config));
  const metrics = new EmfMetrics({ namespace: config.metricsNamespace, service: METRICS_SERVICE, logger });
  const build = adapterBuilders(config, aws, { logger, metrics });
  const jobs = lazyPort(build.jobs);
  const { maas } = config;
  return {
    config,
    store: lazyPort(build.store),
    palettes: lazyProjects(build.palettes),
    ...(maas ? { maas: lazyPort(() => build.maas(maas)) } : {}),
    scheduler: lazyPort(() => build.scheduler(jobs)),
    jobs,
    slack: createSlackWebClient(config, logger, options.slackBudgetMs, metrics),
    logger,
    metrics,
    now: () => new Date(),
  };
}
