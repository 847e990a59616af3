import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PARAMETER_SECRETS } from '../../src/lambda/secrets';
import { ensureTable, localDocumentClient, startDynalite } from '../../src/local/dynalite';
import { startSlackEmulator } from '../../src/local/slack/emulator';
import { startParametersExtension } from '../../test/support/parameters-extension';
import { goal, type Section } from '../lib/report';
import { bytes, median, ratio, round } from '../lib/stats';
import { bundle, deployedBuildOptions, ROOT } from './build';
import { type Artifact, type Packaged, packageStack } from './package';

const run = promisify(execFile);

/**
 * The zips `osls package --stage ci` wrote before each function got its own files (commit aa8b7f3): both builds'
 * chunks and source maps in each zip. The goal is each zip at most 60% of these.
 */
const ZIP_BYTES_BEFORE = { http: 3_350_718, worker: 3_535_218 } as const;

/** The secrets, as SecureStrings under the ci stage's path (never in a probe's environment for ours). */
const SECRETS: Record<(typeof PARAMETER_SECRETS)[number], string> = {
  SLACK_SIGNING_SECRET: 'cold-start-signing-secret-3f9a',
  SLACK_BOT_TOKEN: 'xoxb-cold-start-0000000000',
  PALETTE_API_KEY: 'cold-start-palette-key',
  MAAS_API_KEY: 'cold:start:maas-key',
};
/** What Lambda puts in every function's environment (the extension checks the session token). */
const LAMBDA_ENV = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'offline-bench-access-key',
  AWS_SECRET_ACCESS_KEY: 'offline-bench-secret-key',
  AWS_SESSION_TOKEN: 'cold-start-session-token',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
/** Template values CloudFormation computes at deploy time, as they would come out for the ci stage. */
const DEPLOY_TIME_VALUES: Record<string, string> = {
  WORKER_FUNCTION_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:maas-chatops-ci-worker',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/maas-chatops-ci-scheduler',
  MAAS_API_URL: 'http://maas.example.internal:5240/MAAS',
};

/** A function's environment as the packaged template sets it (NODE_OPTIONS included). */
function templateEnv(packaged: Packaged, logicalId: string): Record<string, string> {
  const properties = packaged.template.Resources[logicalId]?.Properties as
    | { Environment?: { Variables?: Record<string, unknown> } }
    | undefined;
  return Object.fromEntries(
    Object.entries(properties?.Environment?.Variables ?? {}).map(([name, value]) => {
      if (typeof value === 'string') return [name, value];
      const computed = DEPLOY_TIME_VALUES[name];
      if (computed === undefined)
        throw new Error(
          `${logicalId}'s ${name} is computed at deploy time: give it a value in DEPLOY_TIME_VALUES.`,
        );
      return [name, computed];
    }),
  );
}

/** How long one probe process may run. */
const PROBE_TIMEOUT_MS = 60_000;

interface ProbeAnswer {
  importMs: number;
  invokeMs: number;
  status: number | null;
  body: string | null;
}

type Request = 'url_verification' | 'healthz' | 'help' | 'reconcile';

interface Probe {
  label: string;
  /** The bundle's size as shipped or built. */
  size: string;
  entryFile: string;
  request: Request;
  env: Record<string, string>;
  /** Whether the handler answered as it should (checked on every run). */
  answered(answer: ProbeAnswer): boolean;
  runs: ProbeAnswer[];
}

/** One fresh Node process: import the handler's module, invoke it once, report. */
async function probeOnce(probeFile: string, probe: Probe): Promise<ProbeAnswer> {
  const { stdout } = await run(process.execPath, [probeFile, probe.entryFile, probe.request], {
    env: { PATH: process.env.PATH ?? '', ...probe.env },
    cwd: tmpdir(),
    // A cold start takes well under a second; a probe still running after this is stuck, not slow.
    timeout: PROBE_TIMEOUT_MS,
  });
  const line = stdout.split('\n').find((text) => text.startsWith('PROBE '));
  if (!line) throw new Error(`${probe.label}: the probe printed no result:\n${stdout}`);
  const answer = JSON.parse(line.slice('PROBE '.length)) as ProbeAnswer;
  if (!probe.answered(answer))
    throw new Error(
      `${probe.label} (${probe.request}) answered ${answer.status}: ${answer.body ?? '(no body)'}`,
    );
  return answer;
}

const challenge = (answer: ProbeAnswer) =>
  answer.status === 200 && (answer.body ?? '').includes('cold-start-challenge');
const helpText = (answer: ProbeAnswer) =>
  answer.status === 200 && (answer.body ?? '').includes('What `/maas` can do');
const healthy = (answer: ProbeAnswer) => answer.status === 200 && answer.body === '{"ok":true}';
// A job that fails throws (the probe process then fails); one that ran returns nothing.
const jobRan = (answer: ProbeAnswer) => answer.status === null;

const total = (probe: Probe) => median(probe.runs.map((answer) => answer.importMs + answer.invokeMs));

/** A zip's line in the sizes table. */
function zipRow(artifact: Artifact, before: number): string[] {
  return [
    artifact.name,
    bytes(artifact.zipBytes),
    bytes(before),
    ratio(artifact.zipBytes, before),
    String(artifact.files),
    String(artifact.reach.unreachable.length),
  ];
}

/**
 * Cold start as deployed: `osls package --stage ci` builds the artifacts, each zip is unzipped as Lambda unpacks it,
 * and each handler is imported and invoked once in a fresh Node process with its function's environment from the
 * template — secrets read from a local stand-in of the Parameters and Secrets extension, DynamoDB on dynalite. The
 * bare Bolt baseline is built with the same esbuild options (without our aliases), reading its secrets from the
 * environment as its guide deploys it, and from the same stand-in. Probes interleave, `rounds` times.
 */
export async function coldSection(options: { rounds: number }): Promise<Section> {
  const dir = mkdtempSync(join(tmpdir(), 'maas-bench-cold-'));
  const dynamo = await startDynalite();
  // Slack's Web API for bare Bolt's auth.test (its first command waits for it; ours asks only for an event).
  const slack = await startSlackEmulator({
    signingSecret: SECRETS.SLACK_SIGNING_SECRET,
    botToken: SECRETS.SLACK_BOT_TOKEN,
  });
  const extension = await startParametersExtension({
    token: LAMBDA_ENV.AWS_SESSION_TOKEN,
    parameters: Object.fromEntries(
      Object.entries(SECRETS).map(([name, value]) => [`/maas-chatops/ci/${name}`, value]),
    ),
  });
  try {
    const { alias: _ours, ...boltOptions } = deployedBuildOptions();
    const [packaged, boltEnv, boltExtension, probeBundle] = await Promise.all([
      packageStack(dir),
      bundle('bare Bolt', 'bench/cold/bare-bolt-lambda.ts', join(dir, 'bolt-env'), boltOptions),
      bundle('bare Bolt', 'bench/cold/bare-bolt-extension.ts', join(dir, 'bolt-extension'), boltOptions),
      bundle('probe', 'bench/cold/probe.ts', join(dir, 'probe'), {
        bundle: true,
        platform: 'node',
        format: 'esm',
        outExtension: { '.js': '.mjs' },
        absWorkingDir: ROOT,
      }),
      ensureTable(localDocumentClient(dynamo.endpoint), 'maas-chatops-ci'),
    ]);
    const { http, worker } = packaged.artifacts;
    const extensionEnv = {
      ...LAMBDA_ENV,
      PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(extension.port),
      PROBE_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
    };
    const httpEnv = { ...templateEnv(packaged, 'HttpLambdaFunction'), ...extensionEnv };
    const workerEnv = {
      ...templateEnv(packaged, 'WorkerLambdaFunction'),
      ...extensionEnv,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    };
    const boltEnvSecrets = {
      ...extensionEnv,
      SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET,
      SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN,
    };
    const boltExtensionEnv = { ...extensionEnv, SECRETS_PARAMETER_PATH: '/maas-chatops/ci' };
    const boltSize = bytes(boltEnv.bytes);
    const zipSize = (artifact: Artifact) => `${bytes(artifact.zipBytes)} zip`;
    const probe = (fields: Omit<Probe, 'runs'>): Probe => ({ ...fields, runs: [] });
    const boltHelp = probe({
      label: 'bare Bolt, secrets in environment variables (its guide)',
      size: boltSize,
      entryFile: boltEnv.entryFile,
      request: 'help',
      env: boltEnvSecrets,
      answered: helpText,
    });
    const boltChallenge = probe({ ...boltHelp, request: 'url_verification', answered: challenge });
    const boltExtensionHelp = probe({
      label: 'bare Bolt, secrets through the extension',
      size: bytes(boltExtension.bytes),
      entryFile: boltExtension.entryFile,
      request: 'help',
      env: boltExtensionEnv,
      answered: helpText,
    });
    const ours = (request: Request, answered: Probe['answered']) =>
      probe({
        label: 'ours: http',
        size: zipSize(http),
        entryFile: http.entryFile,
        request,
        env: httpEnv,
        answered,
      });
    const httpHelp = ours('help', helpText);
    const httpChallenge = ours('url_verification', challenge);
    const httpHealth = ours('healthz', healthy);
    const workerReconcile = probe({
      label: 'ours: worker',
      size: zipSize(worker),
      entryFile: worker.entryFile,
      request: 'reconcile',
      env: workerEnv,
      answered: jobRan,
    });
    const probes = [
      boltChallenge,
      boltHelp,
      boltExtensionHelp,
      httpChallenge,
      httpHealth,
      httpHelp,
      workerReconcile,
    ];
    for (let round = 0; round < options.rounds; round++)
      for (const each of probes) each.runs.push(await probeOnce(probeBundle.entryFile, each));
    // Every run of ours read its four secrets through the stand-in (the ci stage configures MAAS), and every run of
    // bare Bolt's second build three (the same reader: Palette's key too).
    const reads = options.rounds * (4 * 4 + 3);
    if (extension.reads.length !== reads || extension.reads.some((read) => !read.withDecryption))
      throw new Error(
        `The extension stand-in answered ${extension.reads.length} reads; ${reads} were expected.`,
      );

    /** Which bare Bolt row a row compares with: the same request, else the first Slack request (`/maas help`). */
    const baseline = (each: Probe) => (each.request === 'url_verification' ? boltChallenge : boltHelp);
    const rows = probes.map((each) => [
      each.label,
      each.size,
      each.request === 'reconcile' ? 'reconcile (a quiet table)' : each.request,
      round(median(each.runs.map((answer) => answer.importMs))),
      round(median(each.runs.map((answer) => answer.invokeMs))),
      round(total(each)),
      each === baseline(each) ? '' : ratio(total(each), total(baseline(each))),
    ]);
    const zipsMet = [http, worker].every(
      (artifact) =>
        artifact.zipBytes <= 0.6 * ZIP_BYTES_BEFORE[artifact.name] && artifact.reach.unreachable.length === 0,
    );
    return {
      title: 'Cold start',
      method:
        `\`osls package --stage ci\` (${round(packaged.seconds)} s), each zip unzipped as Lambda unpacks it (nothing ` +
        'beside it: the bundles hold all they import, the AWS SDK included); each handler ' +
        `imported and invoked once in a fresh \`node\` process, ${options.rounds} rounds interleaved, medians. Ours run ` +
        'with their function’s environment from the packaged template (NODE_OPTIONS=--enable-source-maps included) and ' +
        'read their secrets from a loopback stand-in of the Parameters and Secrets extension (its localhost protocol, ' +
        'answering at once: the extension’s own call to SSM is not in these figures); the worker’s DynamoDB is dynalite. ' +
        'Import = `await import(handler module)`; first invocation = the handler answering one API Gateway v2 event ' +
        '(signed as Slack signs) or one job. The bare Bolt app is built with the same esbuild options (without our ' +
        'aliases) and deployed as its guide does: secrets in environment variables; a second build reads them through ' +
        'the same stand-in, at its first invocation. Slack’s Web API is the workspace emulator on loopback for both: ' +
        'bare Bolt’s App calls `auth.test` while it is constructed and its first command waits for the answer (on AWS a ' +
        'round trip to Slack, here a few ms); ours asks it only when an event needs the bot’s ids.',
      header: [
        'handler',
        'size',
        'request',
        'import ms',
        'first invocation ms',
        'total ms',
        '÷ bare Bolt (env)',
      ],
      rows,
      tables: [
        {
          caption: 'The zips, against the ones `osls package --stage ci` wrote before (commit aa8b7f3):',
          header: ['zip', 'bytes', 'before', 'ratio', 'files', 'files its handler cannot load'],
          rows: [zipRow(http, ZIP_BYTES_BEFORE.http), zipRow(worker, ZIP_BYTES_BEFORE.worker)],
        },
      ],
      notes: [
        goal(
          'http, packaged, first Slack request (`/maas help`) including the secrets read ≤ 0.6× bare Bolt',
          total(httpHelp) <= 0.6 * total(boltHelp),
          `${round(total(httpHelp))} ms vs ${round(total(boltHelp))} ms with its secrets in the environment ` +
            `(${ratio(total(httpHelp), total(boltHelp))}); vs ${round(total(boltExtensionHelp))} ms reading them through ` +
            `the extension (${ratio(total(httpHelp), total(boltExtensionHelp))})`,
        ),
        goal(
          'worker, packaged, first job ≤ 1.0× bare Bolt’s first request',
          total(workerReconcile) <= total(boltHelp),
          `reconcile ${round(total(workerReconcile))} ms vs ${round(total(boltHelp))} ms ` +
            `(${ratio(total(workerReconcile), total(boltHelp))})`,
        ),
        goal(
          'each zip ≤ 60% of its size before, with no chunk its handler cannot reach',
          zipsMet,
          [http, worker]
            .map(
              (artifact) =>
                `${artifact.name}.zip ${bytes(artifact.zipBytes)} (${ratio(artifact.zipBytes, ZIP_BYTES_BEFORE[artifact.name])}, ` +
                `${artifact.reach.unreachable.length} unreachable of ${artifact.files} files)`,
            )
            .join(', '),
        ),
        'What makes it: the secrets come through the extension over plain HTTP, asked before the chunks load ' +
          '(no AWS SDK on the first request); no auth.test before the first event (the bot’s ids); each zip ' +
          'holds its own function’s files only; each adapter is built on first use, so a quiet reconcile loads ' +
          'DynamoDB’s client alone — bundled (ESM, tree-shaken) instead of the runtime’s CommonJS copy — and ' +
          'the worker’s entry no longer pulls undici in; zod’s locales are English only. Not in these figures: ' +
          'the extension’s own start and its call to SSM (a round trip the http function overlaps with loading ' +
          'its chunks), and bare Bolt’s auth.test round trip to Slack before its first command.',
      ],
    };
  } finally {
    await Promise.all([extension.close(), dynamo.close(), slack.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}
