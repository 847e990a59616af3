import { InvokeCommand, LambdaClient, TooManyRequestsException } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../src/jobs/job';
import { LambdaJobs } from '../../src/jobs/lambda';

const WORKER = 'arn:aws:lambda:eu-west-1:123456789012:function:maas-chatops-prod-worker';
const lambda = mockClient(LambdaClient);

beforeEach(() => lambda.reset());

describe('LambdaJobs', () => {
  it('invokes the worker asynchronously with the job, ids only, as the JSON payload', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    const jobs = new LambdaJobs(new LambdaClient({ region: 'eu-west-1' }), WORKER);
    const job: Job = {
      kind: 'scale',
      clusterId: '01J9ZQ4V7M3X8K2N5P6R7S8T9V',
      pool: 'worker-pool',
      size: 5,
      by: 'U0ADMIN',
    };
    await jobs.dispatch(job);

    const calls = lambda.commandCalls(InvokeCommand);
    expect(calls).toHaveLength(1);
    const { Payload, ...input } = calls[0]!.args[0].input;
    expect(input).toEqual({ FunctionName: WORKER, InvocationType: 'Event' });
    expect(JSON.parse(new TextDecoder().decode(Payload as Uint8Array))).toEqual(job);
  });

  it('fails the dispatch when Lambda refuses the event, so the caller knows the job was not accepted', async () => {
    lambda
      .on(InvokeCommand)
      .rejects(new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} }));
    const jobs = new LambdaJobs(new LambdaClient({ region: 'eu-west-1' }), WORKER);
    await expect(jobs.dispatch({ kind: 'reconcile' })).rejects.toBeInstanceOf(TooManyRequestsException);
  });
});
