import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newCluster, TEST_ENV, useDynalite } from '../../test/support/dynalite';
import { ConfigError } from '../config';
import { DynamoClusterStore } from '../store/dynamo';
import { createAwsDeps } from './deps';

const lambda = mockClient(LambdaClient);
const dynamo = useDynalite();
beforeEach(() => lambda.reset());
afterEach(() => vi.unstubAllEnvs());

const WORKER_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:worker';
const AWS_ENV = {
  ...TEST_ENV,
  AWS_REGION: 'eu-west-1',
  WORKER_FUNCTION_ARN: WORKER_ARN,
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/scheduler',
  SCHEDULE_GROUP: 'maas-chatops-test',
};

describe('createAwsDeps', () => {
  it('refuses a configuration without the AWS wiring, naming what is missing', () => {
    const build = () => createAwsDeps({ serviceName: 'w', slackBudgetMs: 1000, secrets: {}, env: TEST_ENV });
    expect(build).toThrow(ConfigError);
    expect(build).toThrow('WORKER_FUNCTION_ARN');
  });

  it('takes the secrets read from SSM over the environment, and keeps them out of its logs', () => {
    const deps = createAwsDeps({
      serviceName: 'w',
      slackBudgetMs: 1000,
      secrets: {
        SLACK_BOT_TOKEN: 'xoxb-from-parameter-store',
        PALETTE_API_KEY: 'palette-from-parameter-store',
      },
      env: AWS_ENV,
    });
    expect(deps.config.slack.botToken).toBe('xoxb-from-parameter-store');
    expect(deps.config.palette.apiKey).toBe('palette-from-parameter-store');
    expect(deps.config.aws).toMatchObject({ region: 'eu-west-1', scheduleGroup: 'maas-chatops-test' });
    expect(deps.maas).toBeUndefined();
  });

  it('builds each adapter on its first call: a dispatch reaches Lambda, a read reaches the table', async () => {
    const table = await dynamo.freshTable();
    const stored = await new DynamoClusterStore(table.client, table.tableName).create(newCluster());
    const endpoint = await table.client.config.endpoint?.();
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', `${endpoint?.protocol}//${endpoint?.hostname}:${endpoint?.port}`);
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'offline-test-access-key');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'offline-test-secret-key');
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    const deps = createAwsDeps({
      serviceName: 'w',
      slackBudgetMs: 1000,
      secrets: {},
      env: { ...AWS_ENV, TABLE_NAME: table.tableName },
    });
    expect(lambda.calls()).toHaveLength(0);

    await deps.jobs.dispatch({ kind: 'reconcile' });
    expect(lambda.commandCalls(InvokeCommand).map((call) => call.args[0].input)).toEqual([
      expect.objectContaining({ FunctionName: WORKER_ARN, InvocationType: 'Event' }),
    ]);
    const { items } = await deps.store.listActive();
    expect(items.map((item) => item.id)).toEqual([stored.id]);
  });
});
