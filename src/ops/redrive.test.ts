import { PassThrough } from 'node:stream';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { readFailedInvocation, readFailures, redrive } from './redrive';
import { type CliIo, runRedriveCli } from './redrive-cli';

const sqs = mockClient(SQSClient);
const lambda = mockClient(LambdaClient);
const cloudFormation = mockClient(CloudFormationClient);
const dynamo = mockClient(DynamoDBDocumentClient);
beforeEach(() => {
  for (const mock of [sqs, lambda, cloudFormation, dynamo]) mock.reset();
});
afterAll(() => {
  for (const mock of [sqs, lambda, cloudFormation, dynamo]) mock.restore();
});

const QUEUE = 'https://sqs.eu-west-1.amazonaws.com/123456789012/maas-chatops-prod-WorkerFailuresQueue-ABC';
const WORKER = 'maas-chatops-prod-worker';
const NOW = new Date('2030-01-02T12:00:00.000Z');

/** Lambda's on-failure record of an async invocation (the format its destinations receive). */
function invocationRecord(payload: unknown, overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    version: '1.0',
    timestamp: '2030-01-02T11:00:00.000Z',
    requestContext: {
      requestId: 'e4b46cbf-b738-4a88-8880-a18cdf61200e',
      functionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${WORKER}:$LATEST`,
      condition: 'RetriesExhausted',
      approximateInvokeCount: 3,
    },
    requestPayload: payload,
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload: {
      errorType: 'PaletteError',
      errorMessage: 'Palette answered HTTP 503.',
      trace: [
        'PaletteError: Palette answered HTTP 503.',
        '    at exchange (file:///var/task/worker.mjs:1:1)',
      ],
    },
    ...overrides,
  });
}

const message = (id: string, body: string): Message => ({
  MessageId: id,
  ReceiptHandle: `receipt-${id}`,
  Body: body,
});

const CREATE = { kind: 'create', clusterId: '01J0CREATE' };
const DELETE = { kind: 'delete', clusterId: '01J0DELETE' };

describe('readFailedInvocation', () => {
  it('reads the job, when and why it failed from a RetriesExhausted record', () => {
    expect(readFailedInvocation(message('m1', invocationRecord(CREATE)))).toEqual({
      messageId: 'm1',
      receiptHandle: 'receipt-m1',
      job: CREATE,
      payload: CREATE,
      failedAt: '2030-01-02T11:00:00.000Z',
      error: 'RetriesExhausted — PaletteError: Palette answered HTTP 503.',
      attempts: 3,
    });
  });

  it('reads a record without a response (the event aged out before a run), and a Scheduler input given as text', () => {
    const aged = JSON.parse(invocationRecord('{"kind":"reconcile"}')) as Record<string, unknown>;
    delete aged.responsePayload;
    delete aged.responseContext;
    (aged.requestContext as Record<string, unknown>).condition = 'EventAgeExceeded';
    expect(readFailedInvocation(message('m2', JSON.stringify(aged)))).toMatchObject({
      job: { kind: 'reconcile' },
      payload: '{"kind":"reconcile"}',
      error: 'EventAgeExceeded',
    });
  });

  it('says what is wrong with a message that is not a record, or not a job, and never offers it', () => {
    expect(readFailedInvocation(message('m3', 'hello'))).toEqual({
      messageId: 'm3',
      receiptHandle: 'receipt-m3',
      error: 'Not an invocation record: the message is not JSON.',
    });
    expect(readFailedInvocation(message('m4', '{"Records":[]}')).error).toBe(
      'Not an invocation record of Lambda.',
    );
    const notAJob = readFailedInvocation(message('m5', invocationRecord({ kind: 'explode' })));
    expect(notAJob.job).toBeUndefined();
    expect(notAJob.error).toMatch(/^Not a job \(kind: .*\); the worker would drop it again\.$/);
  });
});

describe('readFailures', () => {
  it('receives ten at a time, long-polling a second, hidden while deciding, until the queue gives none', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({
        Messages: [message('m1', invocationRecord(CREATE)), message('m2', invocationRecord(DELETE))],
      })
      .resolvesOnce({ Messages: [] });
    const failures = await readFailures(new SQSClient({}), {
      queueUrl: QUEUE,
      max: 100,
      visibilitySeconds: 900,
    });
    expect(failures.map((failure) => failure.job)).toEqual([CREATE, DELETE]);
    expect(sqs.commandCalls(ReceiveMessageCommand).map((call) => call.args[0].input)).toEqual([
      { QueueUrl: QUEUE, MaxNumberOfMessages: 10, VisibilityTimeout: 900, WaitTimeSeconds: 1 },
      { QueueUrl: QUEUE, MaxNumberOfMessages: 10, VisibilityTimeout: 900, WaitTimeSeconds: 1 },
    ]);
  });

  it('stops at max', async () => {
    sqs.on(ReceiveMessageCommand).resolves({ Messages: [message('m1', invocationRecord(CREATE))] });
    const failures = await readFailures(new SQSClient({}), {
      queueUrl: QUEUE,
      max: 1,
      visibilitySeconds: 900,
    });
    expect(failures).toHaveLength(1);
    expect(sqs.commandCalls(ReceiveMessageCommand)[0]!.args[0].input.MaxNumberOfMessages).toBe(1);
  });
});

describe('redrive', () => {
  const clients = () => ({ sqs: new SQSClient({}), lambda: new LambdaClient({}) });
  const target = { queueUrl: QUEUE, functionName: WORKER };

  it('invokes the worker asynchronously with the original payload, then deletes that message', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    sqs.on(DeleteMessageCommand).resolves({});
    const failure = readFailedInvocation(message('m1', invocationRecord(CREATE)));
    expect(await redrive([failure], clients(), target)).toEqual([{ failure, redriven: true }]);
    const [invoke] = lambda.commandCalls(InvokeCommand).map((call) => call.args[0].input);
    expect(invoke).toEqual({
      FunctionName: WORKER,
      InvocationType: 'Event',
      Payload: expect.any(Uint8Array),
    });
    expect(JSON.parse(new TextDecoder().decode(invoke!.Payload as Uint8Array))).toEqual(CREATE);
    expect(sqs.commandCalls(DeleteMessageCommand).map((call) => call.args[0].input)).toEqual([
      { QueueUrl: QUEUE, ReceiptHandle: 'receipt-m1' },
    ]);
  });

  it('keeps the message when the invoke fails or is not accepted, and leaves what is not a job alone', async () => {
    lambda
      .on(InvokeCommand)
      .rejectsOnce(new Error('Rate exceeded'))
      .resolvesOnce({ StatusCode: 200 })
      .resolves({ StatusCode: 202 });
    sqs.on(DeleteMessageCommand).resolves({});
    const failures = [
      readFailedInvocation(message('m1', invocationRecord(CREATE))),
      readFailedInvocation(message('m2', invocationRecord(DELETE))),
      readFailedInvocation(message('m3', invocationRecord({ kind: 'explode' }))),
      readFailedInvocation(message('m4', invocationRecord({ kind: 'reconcile' }))),
    ];
    const outcomes = await redrive(failures, clients(), target);
    expect(outcomes.map((outcome) => (outcome.redriven ? 'redriven' : outcome.reason))).toEqual([
      'Invoke failed: Rate exceeded',
      'Lambda answered 200 instead of 202.',
      expect.stringMatching(/^Not a job/),
      'redriven',
    ]);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(3);
    expect(sqs.commandCalls(DeleteMessageCommand).map((call) => call.args[0].input)).toEqual([
      { QueueUrl: QUEUE, ReceiptHandle: 'receipt-m4' },
    ]);
  });
});

describe('npm run redrive (the CLI)', () => {
  /** A terminal the test types into and reads from. */
  function terminal(answer?: string, interactive = true): CliIo & { printed(): string } {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      if (answer !== undefined && printed.endsWith('[y/N] ')) input.write(`${answer}\n`);
    });
    return { input, output, interactive, now: () => NOW, printed: () => printed };
  }

  beforeEach(() => {
    cloudFormation.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'maas-chatops-prod',
          CreationTime: NOW,
          StackStatus: 'UPDATE_COMPLETE',
          Outputs: [
            { OutputKey: 'WorkerFailuresQueueUrl', OutputValue: QUEUE },
            { OutputKey: 'WorkerFunctionName', OutputValue: WORKER },
            { OutputKey: 'TableName', OutputValue: 'maas-chatops-prod' },
          ],
        },
      ],
    });
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({
        Messages: [message('m1', invocationRecord(CREATE)), message('m2', invocationRecord(DELETE))],
      })
      .resolves({ Messages: [] });
    sqs.on(DeleteMessageCommand).resolves({});
    sqs.on(ChangeMessageVisibilityCommand).resolves({});
    dynamo
      .on(GetCommand, { Key: { pk: `CLUSTER#${CREATE.clusterId}` } })
      .resolves({
        Item: {
          pk: `CLUSTER#${CREATE.clusterId}`,
          id: CREATE.clusterId,
          name: 'team-a-dev',
          state: 'RUNNING',
        },
      })
      .on(GetCommand, { Key: { pk: `CLUSTER#${DELETE.clusterId}` } })
      .rejects(new Error('AccessDeniedException'));
  });

  it('lists the failures (job, cluster, age, error) and, with --yes, redrives each: invoked, then deleted', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    const io = terminal();
    expect(await runRedriveCli(['--stage', 'prod', '--region', 'eu-west-1', '--yes'], io)).toBe(0);
    expect(cloudFormation.commandCalls(DescribeStacksCommand)[0]!.args[0].input).toEqual({
      StackName: 'maas-chatops-prod',
    });
    expect(io.printed()).toContain(`Failed jobs of ${WORKER} (2):`);
    // The cluster's name and state where the table can be read, its id where it cannot.
    expect(io.printed()).toContain(
      [
        '  #  age  job     cluster               error',
        '  1  1 h  create  team-a-dev (RUNNING)  RetriesExhausted — PaletteError: Palette answered HTTP 503. after 3 tries',
        '  2  1 h  delete  01J0DELETE            RetriesExhausted — PaletteError: Palette answered HTTP 503. after 3 tries',
      ].join('\n'),
    );
    expect(lambda.commandCalls(InvokeCommand).map((call) => call.args[0].input.FunctionName)).toEqual([
      WORKER,
      WORKER,
    ]);
    expect(sqs.commandCalls(DeleteMessageCommand).map((call) => call.args[0].input.ReceiptHandle)).toEqual([
      'receipt-m1',
      'receipt-m2',
    ]);
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand)).toEqual([]);
  });

  it('asks first on a terminal: "n" invokes nothing and makes the messages visible again at once', async () => {
    const io = terminal('n');
    expect(await runRedriveCli(['--stage', 'prod'], io)).toBe(1);
    expect(io.printed()).toContain(`Invoke ${WORKER} again with 2 job(s)? [y/N] `);
    expect(lambda.commandCalls(InvokeCommand)).toEqual([]);
    expect(sqs.commandCalls(DeleteMessageCommand)).toEqual([]);
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand).map((call) => call.args[0].input)).toEqual([
      { QueueUrl: QUEUE, ReceiptHandle: 'receipt-m1', VisibilityTimeout: 0 },
      { QueueUrl: QUEUE, ReceiptHandle: 'receipt-m2', VisibilityTimeout: 0 },
    ]);
  });

  it('"y" redrives; a failed invoke keeps its message (visible again), and the exit code says so', async () => {
    lambda.on(InvokeCommand).resolvesOnce({ StatusCode: 202 }).rejects(new Error('Rate exceeded'));
    const io = terminal('y');
    expect(await runRedriveCli(['--stage', 'prod'], io)).toBe(1);
    expect(io.printed()).toContain('#1 redriven, message deleted');
    expect(io.printed()).toContain('#2 kept: Invoke failed: Rate exceeded');
    expect(sqs.commandCalls(DeleteMessageCommand).map((call) => call.args[0].input.ReceiptHandle)).toEqual([
      'receipt-m1',
    ]);
    expect(
      sqs.commandCalls(ChangeMessageVisibilityCommand).map((call) => call.args[0].input.ReceiptHandle),
    ).toEqual(['receipt-m2']);
  });

  it('never redrives unasked when it cannot ask (not a terminal, no --yes)', async () => {
    const io = terminal(undefined, false);
    expect(await runRedriveCli(['--stage', 'prod'], io)).toBe(1);
    expect(io.printed()).toContain('Run again with --yes to redrive.');
    expect(lambda.commandCalls(InvokeCommand)).toEqual([]);
  });

  it('says so when the queue is empty, and shows its usage without a stage', async () => {
    sqs.reset();
    sqs.on(ReceiveMessageCommand).resolves({});
    const io = terminal();
    expect(await runRedriveCli(['--stage', 'prod', '--yes'], io)).toBe(0);
    expect(io.printed()).toContain('is empty: nothing to redrive.');
    const usage = terminal();
    expect(await runRedriveCli([], usage)).toBe(2);
    expect(usage.printed()).toContain('Usage: npm run redrive -- --stage NAME');
  });
});
