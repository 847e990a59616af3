import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newCluster, TEST_ENV, useDynalite } from '../../test/support/dynalite';
import { testRecord } from '../../test/support/fixtures';
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
  it('refuses a configuration without the AWS wiring, naming what is missing', async () => {
    const build = () => createAwsDeps({ serviceName: 'w', slackBudgetMs: 1000, secrets: {}, env: TEST_ENV });
    await expect(build()).rejects.toThrow(ConfigError);
    await expect(build()).rejects.toThrow('WORKER_FUNCTION_ARN');
  });

  it('takes the secrets read from SSM over the environment, and keeps them out of its logs', async () => {
    const deps = await createAwsDeps({
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
    const deps = await createAwsDeps({
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

  it('wires the store with RECORD_RETENTION_DAYS for the TTL and the audit log for every transition', async () => {
    const dynamo = mockClient(DynamoDBDocumentClient);
    const deps = await createAwsDeps({
      serviceName: 'maas-chatops-worker',
      slackBudgetMs: 1000,
      secrets: {},
      env: { ...AWS_ENV, RECORD_RETENTION_DAYS: '30' },
    });
    const deleting = testRecord({ state: 'DELETING', version: 5 });
    const entry = {
      at: '2030-01-03T00:00:00.000Z',
      by: 'palette',
      event: 'deleted',
      from: 'DELETING',
      to: 'DELETED',
    };
    dynamo.on(UpdateCommand).resolves({
      Attributes: { ...deleting, pk: 'CLUSTER#C1', state: 'DELETED', version: 6, history: [entry] },
    });
    dynamo.on(DeleteCommand).resolves({});
    // The team's quota ledger holds no entry for this record: its release reads and leaves it.
    dynamo.on(GetCommand).resolves({});
    const printed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    await deps.store.apply(deleting, { event: 'deleted', by: 'palette', at: entry.at });
    vi.restoreAllMocks();

    const [update] = dynamo.commandCalls(UpdateCommand).map((call) => call.args[0].input);
    const ttlName = Object.entries(update!.ExpressionAttributeNames!).find(
      ([, name]) => name === 'expiresAt',
    )![0];
    const ttlValue = new RegExp(`${ttlName} = (:v\\d+)`).exec(update!.UpdateExpression!)![1]!;
    expect(update!.ExpressionAttributeValues![ttlValue]).toBe(Date.parse(entry.at) / 1000 + 30 * 86_400);
    const audit = printed
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.audit === true);
    expect(audit).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'audit',
        service: 'maas-chatops-worker',
        action: 'deleted',
        actor: 'palette',
        clusterId: 'C1',
        clusterName: 'team-a-dev',
        fromState: 'DELETING',
        toState: 'DELETED',
      }),
    ]);
    dynamo.restore();
  });
});
