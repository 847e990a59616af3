import { LambdaClient } from '@aws-sdk/client-lambda';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { paginateGetParametersByPath, SSMClient } from '@aws-sdk/client-ssm';
import { type Config, ConfigError, loadConfig, secretValues } from '../config';
import type { Deps } from '../deps';
import { LambdaJobs } from '../jobs/lambda';
import { createLogger } from '../log';
import { createMaasClient } from '../maas/client';
import { createPaletteClient } from '../palette/client';
import { EventBridgeScheduler } from '../scheduler/eventbridge';
import { createSlackWebClient } from '../slack/client';
import { createDocumentClient } from '../store/client';
import { DynamoClusterStore } from '../store/dynamo';

/** The environment variables a SecureString under SECRETS_PARAMETER_PATH may fill (named after them). */
export const SECRET_VARIABLES = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'PALETTE_API_KEY',
  'MAAS_API_KEY',
] as const;

/**
 * Reads the secrets from SSM Parameter Store (SecureStrings under `SECRETS_PARAMETER_PATH`, decrypted) into
 * variables of the same names; none when the path is unset (secrets already in the environment, as in tests).
 */
export async function loadParameterSecrets(
  env: Record<string, string | undefined>,
  client: SSMClient = new SSMClient({}),
): Promise<Record<string, string>> {
  const path = env.SECRETS_PARAMETER_PATH;
  if (!path) return {};
  const secrets: Record<string, string> = {};
  const allowed = new Set<string>(SECRET_VARIABLES);
  for await (const page of paginateGetParametersByPath({ client }, { Path: path, WithDecryption: true })) {
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

/**
 * Everything a Lambda runtime uses (Deps), built once per container: configuration from the environment plus
 * the SSM secrets, DynamoDB, Lambda async jobs, EventBridge Scheduler, Palette, Slack and (optionally) MAAS.
 */
export async function createAwsDeps(options: {
  serviceName: string;
  /** How long a Slack call may take, retries included (SLACK_BUDGET_MS in src/slack/client.ts). */
  slackBudgetMs: number;
  env?: Record<string, string | undefined>;
}): Promise<Deps> {
  const env = options.env ?? process.env;
  const config = loadConfig({ ...env, ...(await loadParameterSecrets(env)) });
  const aws = requireAws(config);
  const logger = createLogger(options.serviceName, secretValues(config));
  const jobs = new LambdaJobs(new LambdaClient({ region: aws.region }), aws.workerFunctionArn);
  return {
    config,
    store: new DynamoClusterStore(createDocumentClient({ region: aws.region }), config.tableName),
    palette: createPaletteClient({
      apiUrl: config.palette.apiUrl,
      apiKey: config.palette.apiKey,
      ...(config.palette.projectUid ? { projectUid: config.palette.projectUid } : {}),
    }),
    ...(config.maas ? { maas: createMaasClient(config.maas) } : {}),
    scheduler: new EventBridgeScheduler({
      client: new SchedulerClient({ region: aws.region }),
      groupName: aws.scheduleGroup,
      workerArn: aws.workerFunctionArn,
      roleArn: aws.schedulerRoleArn,
      jobs,
    }),
    jobs,
    slack: createSlackWebClient(config, logger, options.slackBudgetMs),
    logger,
    now: () => new Date(),
  };
}
