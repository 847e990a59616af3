import { describe, expect, it } from 'vitest';
import { TEST_ENV } from '../../test/support/dynalite';
import { ConfigError } from '../config';
import { LambdaJobs } from '../jobs/lambda';
import { EventBridgeScheduler } from '../scheduler/eventbridge';
import { DynamoClusterStore } from '../store/dynamo';
import { createAwsDeps } from './deps';

describe('createAwsDeps', () => {
  it('refuses a configuration without the AWS wiring, naming what is missing', async () => {
    const error = await createAwsDeps({
      serviceName: 'w',
      slackBudgetMs: 1000,
      secrets: {},
      env: TEST_ENV,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error.message)).toContain('WORKER_FUNCTION_ARN');
  });

  it('wires the AWS adapters from the configuration', async () => {
    const deps = await createAwsDeps({
      serviceName: 'maas-chatops-worker',
      slackBudgetMs: 1000,
      secrets: { SLACK_BOT_TOKEN: 'xoxb-from-parameter-store' },
      env: {
        ...TEST_ENV,
        AWS_REGION: 'eu-west-1',
        WORKER_FUNCTION_ARN: 'arn:aws:lambda:eu-west-1:123456789012:function:worker',
        SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/scheduler',
        SCHEDULE_GROUP: 'maas-chatops-test',
      },
    });
    expect(deps.config.slack.botToken).toBe('xoxb-from-parameter-store');
    expect(deps.config.aws).toMatchObject({ region: 'eu-west-1', scheduleGroup: 'maas-chatops-test' });
    expect(deps.maas).toBeUndefined();
    expect(deps.store).toBeInstanceOf(DynamoClusterStore);
    expect(deps.jobs).toBeInstanceOf(LambdaJobs);
    expect(deps.scheduler).toBeInstanceOf(EventBridgeScheduler);
    await (deps.palette as { close?: () => Promise<void> }).close?.();
  });
});
