import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { z } from 'zod';
import { formatDuration } from '../domain/time';
import type { Job } from '../jobs/job';
import { parseJobPayload } from '../jobs/schema';

/**
 * Lambda's record of an asynchronous invocation that failed for good, as its on-failure destination receives it
 * (docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html): the original event in
 * `requestPayload`, why in `requestContext.condition` (`RetriesExhausted`, `EventAgeExceeded`, …), and the
 * function's error in `responsePayload` when it ran at all.
 */
const InvocationRecord = z.object({
  timestamp: z.string(),
  requestContext: z.object({
    requestId: z.string().optional(),
    functionArn: z.string().optional(),
    condition: z.string(),
    approximateInvokeCount: z.number().optional(),
  }),
  requestPayload: z.unknown(),
  // Absent when Lambda gave up before a run (EventAgeExceeded).
  responsePayload: z.unknown().optional(),
});

/** A message of the on-failure queue, read: the job it held (if it is one) and why it failed. */
export interface FailedInvocation {
  messageId: string;
  receiptHandle: string;
  /** The job, when the payload is one the worker accepts. */
  job?: Job;
  /** The original payload, re-sent as it was; undefined when the message is not an invocation record. */
  payload?: unknown;
  /** When Lambda gave up on it (ISO). */
  failedAt?: string;
  /** Lambda's reason and the function's error, for people. */
  error: string;
  /** How many times Lambda ran it. */
  attempts?: number;
}

/** Reads one queue message; anything that is not an invocation record is described, never thrown. */
export function readFailedInvocation(message: Message): FailedInvocation {
  const base = { messageId: message.MessageId ?? '?', receiptHandle: message.ReceiptHandle ?? '' };
  let body: unknown;
  try {
    body = JSON.parse(message.Body ?? '');
  } catch {
    return { ...base, error: 'Not an invocation record: the message is not JSON.' };
  }
  const record = InvocationRecord.safeParse(body);
  if (!record.success) return { ...base, error: 'Not an invocation record of Lambda.' };
  const { timestamp, requestContext, requestPayload, responsePayload } = record.data;
  // Node's runtime reports `{errorType, errorMessage, trace}`; a timeout or a crash only an errorMessage.
  const response = (
    typeof responsePayload === 'object' && responsePayload !== null ? responsePayload : {}
  ) as {
    errorType?: unknown;
    errorMessage?: unknown;
  };
  const reason = [response.errorType, response.errorMessage]
    .filter((part) => typeof part === 'string')
    .join(': ');
  const parsed = parseJobPayload(requestPayload);
  return {
    ...base,
    ...(parsed.ok ? { job: parsed.job } : {}),
    payload: requestPayload,
    failedAt: timestamp,
    error: parsed.ok
      ? `${requestContext.condition}${reason ? ` — ${reason}` : ''}`
      : `Not a job (${parsed.problems.join('; ')}); the worker would drop it again.`,
    ...(requestContext.approximateInvokeCount === undefined
      ? {}
      : { attempts: requestContext.approximateInvokeCount }),
  };
}

/** Where the failures are and how long they stay hidden from other readers while someone decides. */
export interface ReadOptions {
  queueUrl: string;
  /** Read at most this many messages. */
  max: number;
  /** Seconds the messages read stay invisible to other readers (released sooner by `release`). */
  visibilitySeconds: number;
}

/**
 * Reads the queue's messages, ten at a time, until it gives no more or `max` are read. Each receive long-polls a
 * second, so SQS asks all its servers (a short poll may answer empty while messages wait).
 */
export async function readFailures(sqs: SQSClient, options: ReadOptions): Promise<FailedInvocation[]> {
  const seen = new Map<string, FailedInvocation>();
  while (seen.size < options.max) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: Math.min(10, options.max - seen.size),
        VisibilityTimeout: options.visibilitySeconds,
        WaitTimeSeconds: 1,
      }),
    );
    if (Messages.length === 0) break;
    for (const message of Messages) {
      const failure = readFailedInvocation(message);
      seen.set(failure.messageId, failure);
    }
  }
  return [...seen.values()];
}

/** What happened to one failure. */
export type RedriveOutcome =
  | { failure: FailedInvocation; redriven: true }
  | { failure: FailedInvocation; redriven: false; reason: string };

/**
 * Re-invokes the worker asynchronously with each failure's original payload, one at a time, and deletes its
 * message only once Lambda accepted the invoke (202); a refused or failed invoke keeps the message. Failures that
 * are not jobs are left alone.
 */
export async function redrive(
  failures: FailedInvocation[],
  clients: { sqs: SQSClient; lambda: LambdaClient },
  target: { queueUrl: string; functionName: string },
): Promise<RedriveOutcome[]> {
  const outcomes: RedriveOutcome[] = [];
  for (const failure of failures) {
    if (!failure.job) {
      outcomes.push({ failure, redriven: false, reason: failure.error });
      continue;
    }
    let status: number | undefined;
    try {
      ({ StatusCode: status } = await clients.lambda.send(
        new InvokeCommand({
          FunctionName: target.functionName,
          InvocationType: 'Event',
          Payload: new TextEncoder().encode(JSON.stringify(failure.payload)),
        }),
      ));
    } catch (error) {
      outcomes.push({ failure, redriven: false, reason: `Invoke failed: ${(error as Error).message}` });
      continue;
    }
    if (status !== 202) {
      outcomes.push({ failure, redriven: false, reason: `Lambda answered ${status} instead of 202.` });
      continue;
    }
    await clients.sqs.send(
      new DeleteMessageCommand({ QueueUrl: target.queueUrl, ReceiptHandle: failure.receiptHandle }),
    );
    outcomes.push({ failure, redriven: true });
  }
  return outcomes;
}

/** Makes messages visible again at once (the ones not redriven), instead of after the read's visibility timeout. */
export async function release(sqs: SQSClient, queueUrl: string, failures: FailedInvocation[]): Promise<void> {
  for (const failure of failures)
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queueUrl,
        ReceiptHandle: failure.receiptHandle,
        VisibilityTimeout: 0,
      }),
    );
}

/** What a table row shows of a failure: its job (kind, cluster), how long ago it failed, and why. */
export function failureRows(
  failures: FailedInvocation[],
  now: Date,
  clusterNames: ReadonlyMap<string, string> = new Map(),
): string[] {
  const rows = failures.map((failure, index) => {
    const clusterId = failure.job && 'clusterId' in failure.job ? failure.job.clusterId : undefined;
    const cluster = clusterId ? (clusterNames.get(clusterId) ?? clusterId) : '—';
    const age = failure.failedAt ? formatDuration(now.getTime() - Date.parse(failure.failedAt)) : '?';
    const attempts = failure.attempts === undefined ? '' : ` after ${failure.attempts} tries`;
    return [
      String(index + 1),
      age,
      failure.job?.kind ?? '(not a job)',
      cluster,
      `${failure.error}${attempts}`,
    ];
  });
  const header = ['#', 'age', 'job', 'cluster', 'error'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ');
  return [line(header), ...rows.map(line)];
}
