import { GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { TEST_ENV } from '../../test/support/dynalite';
import { ConfigError } from '../config';
import { LambdaJobs } from '../jobs/lambda';
import { EventBridgeScheduler } from '../scheduler/eventbridge';
import { DynamoClusterStore } from '../store/dynamo';
import { createAwsDeps, loadParameterSecrets } from './deps';

const ssm = mockClient(SSMClient);
beforeEach(() => ssm.reset());

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
      env: {
        ...TEST_ENV,
        AWS_REGION: 'eu-west-1',
        WORKER_FUNCTION_ARN: 'arn:aws:lambda:eu-west-1:123456789012:function:worker',
        SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/scheduler',
        SCHEDULE_GROUP: 'maas-chatops-test',
      },
    });
    expect(deps.config.aws).toMatchObject({ region: 'eu-west-1', scheduleGroup: 'maas-chatops-test' });
    expect(deps.maas).toBeUndefined();
    expect(deps.store).toBeInstanceOf(DynamoClusterStore);
    expect(deps.jobs).toBeInstanceOf(LambdaJobs);
    expect(deps.scheduler).toBeInstanceOf(EventBridgeScheduler);
    await (deps.palettes as { close?: () => Promise<void> }).close?.();
  });
});
