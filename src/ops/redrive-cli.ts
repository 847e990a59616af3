import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createDocumentClient } from '../store/client';
import { DynamoClusterStore } from '../store/dynamo';
import { type FailedInvocation, failureRows, readFailures, redrive, release } from './redrive';

const USAGE = `Usage: npm run redrive -- --stage NAME [--region REGION] [--yes] [--max N]

Lists the worker's failed jobs (its on-failure SQS queue) and, once you confirm, invokes the worker again with
each one, deleting a message only after Lambda accepted its invoke. Jobs are idempotent: one that has since
succeeded (through the reconciler or a later job) changes nothing.

  --stage NAME     the deployed stage (stack maas-chatops-NAME)
  --region REGION  its AWS region (default: AWS_REGION or your AWS configuration)
  --yes            redrive without asking (for scripts)
  --max N          read at most N messages (default 100)`;

/** How long the messages read stay hidden from other readers while the operator decides. */
const DECISION_SECONDS = 15 * 60;

/** Where the CLI talks to its operator. */
export interface CliIo {
  input: Readable;
  output: Writable;
  /** Whether `input` is a terminal a person can answer on. */
  interactive: boolean;
  now: () => Date;
}

/** The stack's outputs the redrive needs. */
interface Target {
  queueUrl: string;
  functionName: string;
  tableName?: string;
}

/** Reads the deployed stack's outputs: the on-failure queue, the worker's name, the table. */
async function stackTarget(cloudFormation: CloudFormationClient, stage: string): Promise<Target> {
  const stackName = `maas-chatops-${stage}`;
  const { Stacks = [] } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
  const outputs = new Map((Stacks[0]?.Outputs ?? []).map((output) => [output.OutputKey, output.OutputValue]));
  const queueUrl = outputs.get('WorkerFailuresQueueUrl');
  const functionName = outputs.get('WorkerFunctionName');
  if (!queueUrl || !functionName)
    throw new Error(
      `Stack ${stackName} has no WorkerFailuresQueueUrl or WorkerFunctionName output: deploy this version first.`,
    );
  const tableName = outputs.get('TableName');
  return { queueUrl, functionName, ...(tableName ? { tableName } : {}) };
}

/** Cluster names for the table, read from the bot's table; ids stay when they cannot be read (no access). */
async function clusterNames(
  failures: FailedInvocation[],
  tableName: string | undefined,
  region: string | undefined,
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (!tableName) return names;
  const store = new DynamoClusterStore(createDocumentClient(region ? { region } : {}), tableName);
  for (const failure of failures) {
    const id = failure.job && 'clusterId' in failure.job ? failure.job.clusterId : undefined;
    if (!id || names.has(id)) continue;
    const record = await store.get(id).catch(() => undefined);
    if (record) names.set(id, `${record.name} (${record.state})`);
  }
  return names;
}

/** Asks a yes/no question on the terminal; anything but y/yes is no. */
async function confirmed(io: CliIo, question: string): Promise<boolean> {
  const prompt = createInterface({ input: io.input, output: io.output, terminal: false });
  try {
    return /^y(es)?$/i.test((await prompt.question(question)).trim());
  } finally {
    prompt.close();
  }
}

/**
 * `npm run redrive`: lists the failed jobs of a stage and redrives them on confirmation (or `--yes`). Resolves with
 * the exit code: 0 when everything read was redriven (or there was nothing), 1 otherwise, 2 on a usage error.
 */
export async function runRedriveCli(argv: string[], io: CliIo): Promise<number> {
  const say = (line = '') => io.output.write(`${line}\n`);
  let options: { stage?: string; region?: string; yes?: boolean; max?: string; help?: boolean };
  try {
    ({ values: options } = parseArgs({
      args: argv,
      options: {
        stage: { type: 'string' },
        region: { type: 'string' },
        yes: { type: 'boolean' },
        max: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    say(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const max = Number(options.max ?? 100);
  if (options.help || !options.stage || !/^[A-Za-z0-9-]+$/.test(options.stage) || !(max >= 1)) {
    say(USAGE);
    return options.help ? 0 : 2;
  }
  const region = options.region;
  const config = region ? { region } : {};
  const sqs = new SQSClient(config);
  const target = await stackTarget(new CloudFormationClient(config), options.stage);
  const failures = await readFailures(sqs, {
    queueUrl: target.queueUrl,
    max,
    visibilitySeconds: DECISION_SECONDS,
  });
  if (failures.length === 0) {
    say(`The on-failure queue of ${target.functionName} is empty: nothing to redrive.`);
    return 0;
  }
  say(`Failed jobs of ${target.functionName} (${failures.length}):`);
  for (const row of failureRows(failures, io.now(), await clusterNames(failures, target.tableName, region)))
    say(`  ${row}`);
  const jobs = failures.filter((failure) => failure.job);
  say();
  let go = options.yes === true;
  if (!go && jobs.length > 0) {
    if (io.interactive)
      go = await confirmed(io, `Invoke ${target.functionName} again with ${jobs.length} job(s)? [y/N] `);
    else say('Not asked: this is not a terminal. Run again with --yes to redrive.');
  }
  const outcomes = go ? await redrive(failures, { sqs, lambda: new LambdaClient(config) }, target) : [];
  for (const [index, outcome] of outcomes.entries())
    say(`  #${index + 1} ${outcome.redriven ? 'redriven, message deleted' : `kept: ${outcome.reason}`}`);
  const kept = go
    ? outcomes.filter((outcome) => !outcome.redriven).map((outcome) => outcome.failure)
    : failures;
  // What stays in the queue is visible again at once, for the next look (or the next redrive).
  await release(sqs, target.queueUrl, kept);
  if (kept.length > 0) say(`${kept.length} message(s) left in the queue.`);
  return kept.length === 0 ? 0 : 1;
}
