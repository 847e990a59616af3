import type { SSMClient } from '@aws-sdk/client-ssm';
import { type Config, ConfigError, readConfig, SECRET_VARIABLES, secretValues } from '../config';
import type { Deps } from '../deps';
import type { Jobs } from '../jobs/port';
import { createLogger } from '../log';
import type { Maas } from '../maas/port';
import type { PaletteProjects } from '../palette/port';
import type { Scheduler } from '../scheduler/port';
import { createSlackWebClient } from '../slack/client';
import type { ClusterStore } from '../store/port';
import { type AsyncPort, lazyPort, lazyProjects } from './lazy';

/**
 * Reads the secrets from SSM Parameter Store (SecureStrings under `SECRETS_PARAMETER_PATH`, decrypted) into
 * variables of the same names; none when the path is unset (secrets already in the environment, as in tests).
 */
export async function loadParameterSecrets(
  env: Record<string, string | undefined>,
  client?: SSMClient,
): Promise<Record<string, string>> {
  const path = env.SECRETS_PARAMETER_PATH;
  if (!path) return {};
  // Imported here: a runtime whose secrets are in its environment never loads the SSM client.
  const { paginateGetParametersByPath, SSMClient } = await import('@aws-sdk/client-ssm');
  const secrets: Record<string, string> = {};
  const allowed = new Set<string>(SECRET_VARIABLES);
  for await (const page of paginateGetParametersByPath(
    { client: client ?? new SSMClient({}) },
    { Path: path, WithDecryption: true },
  )) {
    for (const parameter of page.Parameters ?? []) {
      const variable = parameter.Name?.split('/').pop();
      if (variable && allowed.has(variable) && parameter.Value) secrets[variable] = parameter.Value;
    }
  }
  return secrets;
}

/** The AWS wiring, which only exists on Lambda: a configuration without it cannot run there. */
function requireAws(config: Config): NonNullable<Config['aws']> {
  if (config.aws) return config.aws;
  throw new ConfigError([
    'WORKER_FUNCTION_ARN, SCHEDULER_ROLE_ARN and SCHEDULE_GROUP are required on Lambda (serverless.yml sets them).',
  ]);
}

/** When a runtime builds its AWS adapters: all at start (the worker uses them all), or each on its first call. */
export type AdapterLoading = 'at-start' | 'on-first-use';

/**
 * How to build each adapter. Each imports its module when called, so the part of the AWS SDK (or undici) it needs
 * is loaded only by a runtime that builds it (with code splitting, the Lambda bundles keep them in their own chunks).
 */
function adapterBuilders(config: Config, aws: NonNullable<Config['aws']>) {
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
        { defaultTeam: config.teams.defaultTeam },
      );
    },
    jobs: async (): Promise<Jobs> => {
      const [{ LambdaClient }, { LambdaJobs }] = await Promise.all([
        import('@aws-sdk/client-lambda'),
        import('../jobs/lambda'),
      ]);
      return new LambdaJobs(new LambdaClient({ region: aws.region }), aws.workerFunctionArn);
    },
    // Takes the jobs port as it is being built, so both build at once.
    scheduler: async (building: Promise<Jobs>): Promise<Scheduler> => {
      const [{ SchedulerClient }, { EventBridgeScheduler }, jobs] = await Promise.all([
        import('@aws-sdk/client-scheduler'),
        import('../scheduler/eventbridge'),
        building,
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
      return createPaletteProjects(config.palette);
    },
    maas: async (maas: NonNullable<Config['maas']>): Promise<Maas> => {
      const { createMaasClient } = await import('../maas/client');
      return createMaasClient(maas);
    },
  };
}

/**
 * Everything a Lambda runtime uses (Deps), built once per container: configuration from the environment plus
 * the SSM secrets (and the teams file shipped with the stack, TEAMS_FILE), DynamoDB, Lambda async jobs, EventBridge Scheduler, Palette, Slack and (optionally) MAAS.
 * With `adapters: 'on-first-use'` (the http function) each adapter is built on its first call, so a request that
 * needs no AWS service (help, a link click, Slack's url_verification) never loads the AWS SDK.
 */
export async function createAwsDeps(options: {
  serviceName: string;
  /** How long a Slack call may take, retries included (SLACK_BUDGET_MS in src/slack/client.ts). */
  slackBudgetMs: number;
  env?: Record<string, string | undefined>;
  /** Default `at-start`. */
  adapters?: AdapterLoading;
}): Promise<Deps> {
  const env = options.env ?? process.env;
  const config = await readConfig({ ...env, ...(await loadParameterSecrets(env)) });
  const aws = requireAws(config);
  const logger = createLogger(options.serviceName, secretValues(config));
  const build = adapterBuilders(config, aws);
  const port = <T extends AsyncPort<T>>(make: () => Promise<T>): Promise<T> =>
    options.adapters === 'on-first-use' ? Promise.resolve(lazyPort(make)) : make();
  const buildingJobs = port(build.jobs);
  const { maas } = config;
  const [jobs, store, scheduler, palettes, maasClient] = await Promise.all([
    buildingJobs,
    port(build.store),
    port(() => build.scheduler(buildingJobs)),
    options.adapters === 'on-first-use' ? lazyProjects(build.palettes) : build.palettes(),
    maas ? port(() => build.maas(maas)) : undefined,
  ]);
  return {
    config,
    store,
    palettes,
    ...(maasClient ? { maas: maasClient } : {}),
    scheduler,
    jobs,
    slack: createSlackWebClient(config, logger, options.slackBudgetMs),
    logger,
    now: () => new Date(),
  };
}
