import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { goal, type Section } from '../lib/report';
import { bytes, median, ratio, round } from '../lib/stats';
import { type Bundle, bundle, deployedBuildOptions, ROOT } from './build';

const run = promisify(execFile);

/** What every probe process gets: the configuration contract of serverless.yml, with fake AWS credentials. */
const PROBE_ENV: Record<string, string> = {
  SLACK_SIGNING_SECRET: 'cold-start-signing-secret-3f9a',
  SLACK_BOT_TOKEN: 'xoxb-cold-start-0000000000',
  PALETTE_API_KEY: 'cold-start-palette-key',
  APPROVAL_CHANNEL: 'C0COLD0001',
  TABLE_NAME: 'maas-chatops-bench',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'offline-test-access-key',
  AWS_SECRET_ACCESS_KEY: 'offline-test-secret-key',
  WORKER_FUNCTION_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:maas-chatops-bench-worker',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/maas-chatops-bench-scheduler',
  SCHEDULE_GROUP: 'maas-chatops-bench',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

interface ProbeAnswer {
  importMs: number;
  invokeMs: number;
  status: number | null;
  body: string | null;
}

interface Probe {
  bundle: Bundle;
  request: 'url_verification' | 'healthz' | 'help' | 'job';
  label: string;
  /** Whether the handler answered as it should (checked on every run). */
  answered(answer: ProbeAnswer): boolean;
  runs: ProbeAnswer[];
}

/** One fresh Node process: import the bundle, invoke once, report. */
async function probeOnce(probeFile: string, probe: Probe): Promise<ProbeAnswer> {
  const { stdout } = await run(process.execPath, [probeFile, probe.bundle.entryFile, probe.request], {
    env: { PATH: process.env.PATH ?? '', ...PROBE_ENV },
    cwd: tmpdir(),
  });
  const line = stdout.split('\n').find((text) => text.startsWith('PROBE '));
  if (!line) throw new Error(`${probe.label}: the probe printed no result:\n${stdout}`);
  const answer = JSON.parse(line.slice('PROBE '.length)) as ProbeAnswer;
  if (!probe.answered(answer))
    throw new Error(`${probe.label} answered ${answer.status}: ${answer.body ?? '(no body)'}`);
  return answer;
}

/**
 * Cold start: the deployed esbuild options (serverless.yml) build our `http` and `worker` handlers and a bare
 * Bolt `AwsLambdaReceiver` app (same options, without our aliases, which are part of our fix); each is imported
 * and invoked once in a fresh Node process, `rounds` times, the probes interleaved so drift hits all alike.
 */
export async function coldSection(options: { rounds: number }): Promise<Section> {
  const dir = mkdtempSync(join(tmpdir(), 'maas-bench-cold-'));
  try {
    // The AWS SDK stays outside the bundles (the Lambda runtime provides it); here the project's copy does.
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    const deployed = deployedBuildOptions();
    const { alias: _ours, ...boltOptions } = deployed;
    const [http, worker, bolt, probeBundle] = await Promise.all([
      bundle('ours: http', 'src/lambda/http.ts', join(dir, 'http'), deployed),
      bundle('ours: worker', 'src/lambda/worker.ts', join(dir, 'worker'), deployed),
      bundle(
        'bare Bolt (AwsLambdaReceiver)',
        'bench/cold/bare-bolt-lambda.ts',
        join(dir, 'bolt'),
        boltOptions,
      ),
      bundle('probe', 'bench/cold/probe.ts', join(dir, 'probe'), {
        bundle: true,
        platform: 'node',
        format: 'esm',
        outExtension: { '.js': '.mjs' },
        absWorkingDir: ROOT,
      }),
    ]);
    const challenge = (answer: ProbeAnswer) =>
      answer.status === 200 && (answer.body ?? '').includes('cold-start-challenge');
    const probes: Probe[] = [
      { bundle: bolt, request: 'url_verification', label: 'bare Bolt', answered: challenge, runs: [] },
      { bundle: http, request: 'url_verification', label: 'ours http', answered: challenge, runs: [] },
      {
        bundle: http,
        request: 'healthz',
        label: 'ours http /healthz',
        answered: (answer) => answer.status === 200 && answer.body === '{"ok":true}',
        runs: [],
      },
      {
        bundle: http,
        request: 'help',
        label: 'ours http /maas help',
        answered: (answer) => answer.status === 200 && (answer.body ?? '').includes('What `/maas` can do'),
        runs: [],
      },
      {
        bundle: worker,
        request: 'job',
        label: 'ours worker',
        answered: (answer) => answer.status === null,
        runs: [],
      },
    ];
    for (let round = 0; round < options.rounds; round++)
      for (const probe of probes) probe.runs.push(await probeOnce(probeBundle.entryFile, probe));

    const total = (probe: Probe) => median(probe.runs.map((runOf) => runOf.importMs + runOf.invokeMs));
    const boltTotal = total(probes[0]!);
    const httpTotal = total(probes[1]!);
    const rows = probes.map((probe) => [
      probe.bundle.name,
      `${bytes(probe.bundle.bytes)} (${probe.bundle.files} file${probe.bundle.files === 1 ? '' : 's'})`,
      probe.request === 'job' ? 'a payload that is not a job' : probe.request,
      round(median(probe.runs.map((runOf) => runOf.importMs))),
      round(median(probe.runs.map((runOf) => runOf.invokeMs))),
      round(total(probe)),
      probe === probes[0] ? '' : ratio(total(probe), boltTotal),
    ]);
    return {
      title: 'Cold start',
      method:
        `esbuild with serverless.yml's \`custom.esbuild\` (ESM, node22, minified, AWS SDK external, code splitting; ` +
        `source maps off). Each bundle imported and invoked once in a fresh \`node\` process, ${options.rounds} rounds ` +
        'interleaved; medians. Import = `await import(bundle)`; first invocation = the handler answering one API ' +
        'Gateway v2 event (a signed url_verification for both; also `GET /healthz` and a signed `/maas help` for ' +
        'ours). Bytes are all the files of the bundle; a request loads only the chunks it needs. The bare Bolt app ' +
        'is Bolt’s defaults: its App starts `auth.test` while it is constructed (token verification), as deployed.',
      header: ['bundle', 'bytes', 'request', 'import ms', 'first invocation ms', 'total ms', '÷ bare Bolt'],
      rows,
      notes: [
        goal(
          'http cold init ≤ 0.6× bare Bolt',
          httpTotal <= 0.6 * boltTotal,
          `${round(httpTotal)} ms vs ${round(boltTotal)} ms (${ratio(httpTotal, boltTotal)})`,
        ),
        'What makes it: Bolt’s entry imports express, raw-body (with iconv-lite), @slack/socket-mode and @slack/oauth ' +
          'for receivers a Lambda never builds; serverless.yml aliases them to an empty module (about 1 MB less). The ' +
          'AWS adapters are built on first use (src/lambda/deps.ts) and code splitting keeps them, with their AWS SDK ' +
          'clients, undici and yaml, in chunks of their own: a request that needs no AWS service loads none of them. ' +
          'A first request that does pays for its adapter then; the worker, which builds them all at start, shows ' +
          'that cost.',
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
