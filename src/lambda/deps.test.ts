import { GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';
import { DeleteCommand, DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TEST_ENV } from '../../test/support/dynalite';
import { testRecord } from '../../test/support/fixtures';
import { ConfigError } from '../config';
import { LambdaJobs } from '../jobs/lambda';
import { EventBridgeScheduler } from '../scheduler/eventbridge';
import { DynamoClusterStore } from '../store/dynamo';
import { createAwsDeps, loadParameterSecrets } from './deps';

const ssm = mockClient(SSMClient);
beforeEach(() => ssm.reset());
afterEach(() => vi.restoreAllMocks());

const LAMBDA_ENV = {
  ...TEST_ENV,
  AWS_REGION: 'eu-west-1',
  WORKER_FUNCTION_ARN: 'arn:aws:lambda:eu-west-1:123456789012:function:worker',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/scheduler',
  SCHEDULE_GROUP: 'maas-chatops-test',
};

describe('loadParameterSecrets', () => {
  it('reads every page of decrypted SecureStrings under the path, keeping only the known secret names', async () => {
    ssm
      .on(GetParametersByPathCommand)
      .resolvesOnce({
        Parameters: [
          { Name: '/maas-chatops/prod/SLACK_BOT_TOKEN', Value: 'xoxb-from-ssm' },
          { Name: '/maas-chatops/prod/UNRELATED', Value: 'ignored' },
        ],
        NextToken: 'page-2',
      })
      .resolvesOnce({
        Parameters: [{ Name: '/maas-chatops/prod/PALETTE_API_KEY', Value: 'palette-from-ssm' }],
      });
    const secrets = await loadParameterSecrets(
      { SECRETS_PARAMETER_PATH: '/maas-chatops/prod' },
      new SSMClient({ region: 'eu-west-1' }),
    );
    expect(secrets).toEqual({ SLACK_BOT_TOKEN: 'xoxb-from-ssm', PALETTE_API_KEY: 'palette-from-ssm' });
    const inputs = ssm.commandCalls(GetParametersByPathCommand).map((call) => call.args[0].input);
    expect(inputs).toEqual([
      expect.objectContaining({ Path: '/maas-chatops/prod', WithDecryption: true }),
      expect.objectContaining({ Path: '/maas-chatops/prod', WithDecryption: true, NextToken: 'page-2' }),
    ]);
  });

  it('reads nothing without a path (secrets already in the environment)', async () => {
    expect(await loadParameterSecrets({}, new SSMClient({ region: 'eu-west-1' }))).toEqual({});
    expect(ssm.commandCalls(GetParametersByPathCommand)).toHaveLength(0);
  });
});

describe('createAwsDeps', () => {
  it('refuses a configuration without the AWS wiring, naming what is missing', async () => {
    const error = await createAwsDeps({ serviceName: 'w', slackBudgetMs: 1000, env: TEST_ENV }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error.message)).toContain('WORKER_FUNCTION_ARN');
  });

  it('wires the AWS adapters from the configuration', async () => {
    const deps = await createAwsDeps({
      serviceName: 'maas-chatops-worker',
      slackBudgetMs: 1000,
      env: LAMBDA_ENV,
    });
    expect(deps.config.aws).toMatchObject({ region: 'eu-west-1', scheduleGroup: 'maas-chatops-test' });
    expect(deps.maas).toBeUndefined();
    expect(deps.store).toBeInstanceOf(DynamoClusterStore);
    expect(deps.jobs).toBeInstanceOf(LambdaJobs);
    expect(deps.scheduler).toBeInstanceOf(EventBridgeScheduler);
    await (deps.palette as { close?: () => Promise<void> }).close?.();
  });

  it('wires the store with RECORD_RETENTION_DAYS for the TTL and the audit log for every transition', async () => {
    const dynamo = mockClient(DynamoDBDocumentClient);
    const deps = await createAwsDeps({
      serviceName: 'maas-chatops-worker',
      slackBudgetMs: 1000,
      env: { ...LAMBDA_ENV, RECORD_RETENTION_DAYS: '30' },
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
