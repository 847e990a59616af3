import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import type { AppsManifestCreateArguments } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * Packages the stack offline (`osls package`, the same as `npx osls package`) and reads what CloudFormation would
 * get: resources, least-privilege IAM, no dependency cycles, and the bundles in the artifacts.
 */

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OSLS = createRequire(import.meta.url).resolve('osls/bin/serverless.js');
const SERVICE = 'maas-chatops';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
interface Resource {
  Type: string;
  Properties?: JsonObject;
  DependsOn?: string | string[];
  DeletionPolicy?: string;
}
interface Template {
  Resources: Record<string, Resource>;
  Conditions?: JsonObject;
  Outputs?: JsonObject;
}
interface Packaged {
  template: Template;
  dir: string;
  seconds: number;
}

/**
 * Records, then refuses, every TCP connection from the packaging processes (osls and anything it spawns), so the
 * test proves the packaging stays offline. Unix sockets and pipes are not network and pass.
 */
const NETWORK_GUARD = `
const net = require('node:net');
const fs = require('node:fs');
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = first !== null && typeof first === 'object' ? first : { port: first, host: args[1] };
  if (options.path !== undefined) return connect.apply(this, args);
  fs.appendFileSync(process.env.NETWORK_GUARD_LOG, JSON.stringify({ host: options.host, port: options.port }) + '\\n');
  process.nextTick(() => this.destroy(new Error('network refused by deploy-template.test.ts')));
  return this;
};
`;

/** Imports both bundles as Lambda would and sends the http one an API Gateway v2 `GET /healthz`. */
const SMOKE = `
const http = await import('./http/src/lambda/http.mjs');
const worker = await import('./worker/src/lambda/worker.mjs');
const healthz = await http.handler({
  version: '2.0',
  routeKey: 'GET /healthz',
  rawPath: '/healthz',
  rawQueryString: '',
  headers: { host: 'api.example.com' },
  requestContext: {
    http: { method: 'GET', path: '/healthz', protocol: 'HTTP/1.1', sourceIp: '192.0.2.9', userAgent: 'smoke' },
    domainName: 'api.example.com', stage: '$default', requestId: 'smoke', timeEpoch: Date.now(),
  },
  isBase64Encoded: false,
}, {});
process.stdout.write(JSON.stringify({ worker: typeof worker.handler, healthz }));
`;

const work = mkdtempSync(join(tmpdir(), 'maas-chatops-package-'));
const guardFile = join(work, 'network-guard.cjs');
const networkLog = join(work, 'network.log');

/** The environment for the packaging: fake credentials, every AWS endpoint on a closed port, the guard. */
function offlineEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_') && name !== 'NODE_OPTIONS'),
  );
  return {
    ...env,
    AWS_ACCESS_KEY_ID: 'offline-test-access-key',
    AWS_SECRET_ACCESS_KEY: 'offline-test-secret-key',
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(work, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(work, 'aws-credentials'),
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    NODE_OPTIONS: `--require=${guardFile}`,
    NETWORK_GUARD_LOG: networkLog,
  };
}

/** Stops the osls processes still running when the file ends (after a failure). */
const stopOsls = new AbortController();

/**
 * How long the packaging may take: `osls package` uses about 4 s of CPU, which a machine whose cores are all busy
 * stretches many times over (27 s in a full run on two cores). Only a hang should reach it.
 */
const PACKAGING_MS = 180_000;

/** Runs osls offline from the project root; a failure shows osls's own output. */
async function osls(args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [OSLS, ...args], {
    cwd: ROOT,
    env: offlineEnv(),
    signal: stopOsls.signal,
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(`osls ${args.join(' ')} failed: ${error.message}\n${error.stdout}\n${error.stderr}`);
  });
  return stdout;
}

/** Runs `osls package` for a stage into its own directory and reads the update template. */
async function packageStage(stage: string): Promise<Packaged> {
  const dir = join(work, stage);
  const started = performance.now();
  await osls(['package', '--stage', stage, '--package', dir]);
  const seconds = (performance.now() - started) / 1000;
  const template = JSON.parse(
    readFileSync(join(dir, 'cloudformation-template-update-stack.json'), 'utf8'),
  ) as Template;
  return { template, dir, seconds };
}

/** The service configuration as osls resolves it for a stage (`osls print`: no bundling, so it is quick). */
interface Resolved {
  provider: { logRetentionInDays: number };
  resources: Template;
}

/** The entries of a zip file (stored or deflated), read with zlib: enough for the artifacts osls writes. */
function readZip(file: string): Map<string, Buffer> {
  const zip = readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries = new Map<string, Buffer>();
  let offset = zip.readUInt32LE(end + 16);
  for (let index = zip.readUInt16LE(end + 10); index > 0; index -= 1) {
    const method = zip.readUInt16LE(offset + 10);
    const size = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const local = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  return entries;
}

/** Logical ids a piece of template refers to through Ref, Fn::GetAtt and Fn::Sub. */
function references(value: Json, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) references(item, into);
  else if (value !== null && typeof value === 'object')
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Ref' && typeof inner === 'string') into.add(inner);
      else if (key === 'Fn::GetAtt')
        into.add(Array.isArray(inner) ? String(inner[0]) : String(inner).split('.')[0]!);
      else if (key === 'Fn::Sub') {
        const [text, variables] = Array.isArray(inner) ? inner : [inner, {}];
        for (const match of String(text).matchAll(/\$\{([^!}][^}]*)\}/g)) {
          const name = match[1]!.split('.')[0]!;
          if (!(variables && typeof variables === 'object' && name in variables)) into.add(name);
        }
        references(variables ?? null, into);
      } else references(inner, into);
    }
  return into;
}

/** Which resources each resource needs first (references and DependsOn), within the template's resources. */
function dependencyGraph(template: Template): Map<string, Set<string>> {
  const ids = new Set(Object.keys(template.Resources));
  return new Map(
    Object.entries(template.Resources).map(([id, resource]) => {
      const needs = references(resource as unknown as Json);
      for (const dependency of [resource.DependsOn ?? []].flat()) needs.add(dependency);
      return [id, new Set([...needs].filter((need) => ids.has(need)))];
    }),
  );
}

/** A dependency cycle as a path of ids (first = last), or undefined when the graph is acyclic. */
function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    for (const next of graph.get(id) ?? []) {
      const cycle = visit(next, [...path, id]);
      if (cycle) return cycle;
    }
    state.set(id, 'done');
    return undefined;
  };
  for (const id of graph.keys()) {
    const cycle = visit(id, []);
    if (cycle) return cycle;
  }
  return undefined;
}

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: Json;
  Condition?: JsonObject;
  Sid?: string;
}

/** Every identity-policy statement in the template (inline role policies and standalone policies). */
function identityStatements(template: Template): { owner: string; statement: Statement }[] {
  return Object.entries(template.Resources).flatMap(([owner, resource]) => {
    const properties = (resource.Properties ?? {}) as {
      Policies?: { PolicyDocument: { Statement: Statement[] } }[];
      PolicyDocument?: { Statement: Statement[] };
    };
    if (resource.Type === 'AWS::IAM::Role')
      return (properties.Policies ?? []).flatMap((policy) =>
        policy.PolicyDocument.Statement.map((statement) => ({ owner, statement })),
      );
    if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy')
      return (properties.PolicyDocument?.Statement ?? []).map((statement) => ({ owner, statement }));
    return [];
  });
}

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const subText = (value: Json): string =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && 'Fn::Sub' in value
    ? String(value['Fn::Sub'])
    : JSON.stringify(value);
const ofType = (template: Template, type: string) =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);

/** Actions that touch data or grant reach: each must name its resources. */
const DATA_ACTION =
  /^(dynamodb|scheduler|ssm|sqs|kms|s3|secretsmanager):|^lambda:InvokeFunction$|^iam:PassRole$/;
const WORKER_ARN = `:function:${SERVICE}-ci-worker`;

const missingHandlers = ['http', 'worker'].filter(
  (name) => !existsSync(join(ROOT, 'src', 'lambda', `${name}.ts`)),
);

describe('the deployable stack, packaged offline', () => {
  let ci: Packaged;
  let prod: Resolved;

  beforeAll(async () => {
    if (missingHandlers.length > 0)
      throw new Error(
        `src/lambda/${missingHandlers.join('.ts, src/lambda/')}.ts missing: nothing to package.`,
      );
    writeFileSync(guardFile, NETWORK_GUARD);
    writeFileSync(networkLog, '');
    // prod is only resolved (its params), so it can run beside the packaging without sharing esbuild's folder.
    [ci, prod] = await Promise.all([
      packageStage('ci'),
      osls(['print', '--stage', 'prod', '--param=approvalChannel=C0PROD0001', '--format', 'json']).then(
        (printed) => JSON.parse(printed) as Resolved,
      ),
    ]);
    console.log(
      `osls package --stage ci: ${ci.seconds.toFixed(1)} s; resources: ${Object.entries(ci.template.Resources)
        .map(([id, resource]) => `${id} (${resource.Type})`)
        .join(', ')}`,
    );
  }, PACKAGING_MS);
  afterAll(() => {
    stopOsls.abort();
    rmSync(work, { recursive: true, force: true });
  });

  it('never touched the network (and the guard does catch a connection)', async () => {
    expect(readFileSync(networkLog, 'utf8')).toBe('');
    const probeLog = join(work, 'probe.log');
    writeFileSync(probeLog, '');
    await run(
      process.execPath,
      ['-e', "require('node:net').connect(443, '192.0.2.1').on('error', () => {})"],
      {
        env: { ...offlineEnv(), NETWORK_GUARD_LOG: probeLog },
      },
    );
    expect(readFileSync(probeLog, 'utf8')).toContain('192.0.2.1');
  });

  it('has both functions on Node.js 22 arm64 with their limits, routes and async settings', () => {
    const functions = ci.template.Resources;
    const http = functions.HttpLambdaFunction!.Properties!;
    const worker = functions.WorkerLambdaFunction!.Properties!;
    for (const fn of [http, worker]) {
      expect(fn.Runtime).toBe('nodejs22.x');
      expect(fn.Architectures).toEqual(['arm64']);
    }
    expect(http).toMatchObject({ Handler: 'src/lambda/http.handler', Timeout: 10, MemorySize: 512 });
    expect(worker).toMatchObject({ Handler: 'src/lambda/worker.handler', Timeout: 60 });
    expect(worker.FunctionName).toBe(`${SERVICE}-ci-worker`);

    const routes = ofType(ci.template, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties!.RouteKey);
    expect(routes.sort()).toEqual(['GET /healthz', 'POST /slack/events']);

    const [, invokeConfig] = ofType(ci.template, 'AWS::Lambda::EventInvokeConfig')[0]!;
    expect(invokeConfig.Properties).toMatchObject({
      FunctionName: { Ref: 'WorkerLambdaFunction' },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['WorkerFailuresQueue', 'Arn'] } } },
    });
    expect(functions.WorkerFailuresQueue?.Type).toBe('AWS::SQS::Queue');
  });

  it('gives the functions the configuration contract, and no secret', () => {
    const variables = (ci.template.Resources.HttpLambdaFunction!.Properties!.Environment as JsonObject)
      .Variables as JsonObject;
    expect(Object.keys(variables)).toEqual(
      expect.arrayContaining([
        'TABLE_NAME',
        'APPROVAL_CHANNEL',
        'APPROVERS',
        'ADMINS',
        'REQUIRED_APPROVALS',
        'APPROVAL_TTL',
        'FORCE_DELETE_AFTER',
        'WORKER_FUNCTION_ARN',
        'SCHEDULER_ROLE_ARN',
        'SCHEDULE_GROUP',
        'PALETTE_API_URL',
        'PALETTE_PROJECT_UID',
        'MAAS_API_URL',
        'SECRETS_PARAMETER_PATH',
      ]),
    );
    for (const secret of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'PALETTE_API_KEY', 'MAAS_API_KEY'])
      expect(variables).not.toHaveProperty(secret);
    expect(variables).toMatchObject({
      TABLE_NAME: `${SERVICE}-ci`,
      APPROVAL_CHANNEL: 'C0CI00001',
      SCHEDULE_GROUP: `${SERVICE}-ci`,
      SECRETS_PARAMETER_PATH: `/${SERVICE}/ci`,
      SCHEDULER_ROLE_ARN: { 'Fn::GetAtt': ['SchedulerRole', 'Arn'] },
    });
    expect(subText(variables.WORKER_FUNCTION_ARN!)).toMatch(new RegExp(`${WORKER_ARN}$`));
    // Left out entirely (not empty) when no MAAS URL is configured, so the configuration sees it unset.
    expect(variables.MAAS_API_URL).toEqual({
      'Fn::If': ['HasMaas', 'http://maas.example.internal:5240/MAAS', { Ref: 'AWS::NoValue' }],
    });
    expect(readFileSync(join(ROOT, 'serverless.yml'), 'utf8')).not.toMatch(/\$\{ssm:|\{\{resolve:/);
  });

  it('builds the table from infra/table.yml with on-demand billing, PITR, SSE and TTL', () => {
    const table = ci.template.Resources.Table!;
    expect(table.Type).toBe('AWS::DynamoDB::Table');
    const shared = parse(readFileSync(join(ROOT, 'infra', 'table.yml'), 'utf8')) as JsonObject;
    for (const [key, value] of Object.entries(shared)) expect(table.Properties![key]).toEqual(value);
    expect(table.Properties).toMatchObject({
      TableName: `${SERVICE}-ci`,
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      DeletionProtectionEnabled: false,
    });
    const indexes = table.Properties!.GlobalSecondaryIndexes as { IndexName: string }[];
    expect(indexes.map((index) => index.IndexName)).toEqual(expect.arrayContaining(['work']));

    const prodTable = prod.resources.Resources.Table!;
    expect(prodTable.Properties).toMatchObject({
      DeletionProtectionEnabled: true,
      TableName: `${SERVICE}-prod`,
    });
    expect(prodTable.DeletionPolicy).toBe('Retain');
    // MAAS is off unless configured: the condition leaves MAAS_API_URL out.
    expect(prod.resources.Conditions?.HasMaas).toEqual({ 'Fn::Not': [{ 'Fn::Equals': ['', ''] }] });
  });

  it('has the schedule group, the role Scheduler assumes, and the reconciler every minute', () => {
    const { Resources } = ci.template;
    expect(Resources.ScheduleGroup).toMatchObject({
      Type: 'AWS::Scheduler::ScheduleGroup',
      Properties: { Name: `${SERVICE}-ci` },
    });

    const role = Resources.SchedulerRole!.Properties as unknown as {
      AssumeRolePolicyDocument: { Statement: Statement[] };
      Policies: { PolicyDocument: { Statement: Statement[] } }[];
    };
    const [trust] = role.AssumeRolePolicyDocument.Statement;
    expect(trust).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: 'scheduler.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
    const granted = role.Policies.flatMap((policy) => policy.PolicyDocument.Statement);
    expect(granted).toHaveLength(1);
    expect(asList(granted[0]!.Action)).toEqual(['lambda:InvokeFunction']);
    expect(subText(granted[0]!.Resource)).toMatch(new RegExp(`${WORKER_ARN}$`));

    const reconciler = Resources.ReconcilerSchedule!;
    expect(reconciler.Type).toBe('AWS::Scheduler::Schedule');
    expect(reconciler.Properties).toMatchObject({
      ScheduleExpression: 'rate(1 minute)',
      GroupName: { Ref: 'ScheduleGroup' },
      Target: {
        Arn: { 'Fn::GetAtt': ['WorkerLambdaFunction', 'Arn'] },
        RoleArn: { 'Fn::GetAtt': ['SchedulerRole', 'Arn'] },
      },
    });
    const target = reconciler.Properties!.Target as { Input: string };
    expect(JSON.parse(target.Input)).toEqual({ kind: 'reconcile' });
  });

  it('keeps every function log group with a retention (longer on prod)', () => {
    const groups = ofType(ci.template, 'AWS::Logs::LogGroup').map(([, group]) => group.Properties!);
    const functions = ofType(ci.template, 'AWS::Lambda::Function');
    expect(functions).toHaveLength(2);
    for (const [, fn] of functions) {
      const group = groups.find((g) => g.LogGroupName === `/aws/lambda/${fn.Properties!.FunctionName}`);
      expect(group?.RetentionInDays).toBe(30);
    }
    expect(prod.provider.logRetentionInDays).toBe(90);
  });

  it('grants no wildcard: data actions name their resources, each scoped to this stack', () => {
    const statements = identityStatements(ci.template).filter(
      ({ statement }) => statement.Effect === 'Allow',
    );
    expect(statements.length).toBeGreaterThan(5);
    for (const { owner, statement } of statements) {
      const actions = asList(statement.Action);
      for (const action of actions) expect(action, `${owner}: ${action}`).not.toMatch(/^\*$|:\*$/);
      if (!actions.some((action) => DATA_ACTION.test(action))) continue;
      for (const resource of asList(statement.Resource)) {
        expect(resource, `${owner}: ${actions.join(',')}`).not.toBe('*');
        expect(subText(resource), `${owner}: ${actions.join(',')}`).not.toMatch(/^"?\*|:\*:|::\*/);
      }
    }

    const byAction = (action: string) =>
      statements.filter(({ statement }) => asList(statement.Action).includes(action));
    const [dynamo] = byAction('dynamodb:Query');
    expect(dynamo!.statement.Resource).toEqual([
      { 'Fn::GetAtt': ['Table', 'Arn'] },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub placeholder.
      { 'Fn::Sub': '${Table.Arn}/index/*' },
    ]);
    const [schedules] = byAction('scheduler:CreateSchedule');
    expect(asList(schedules!.statement.Action).sort()).toEqual([
      'scheduler:CreateSchedule',
      'scheduler:DeleteSchedule',
    ]);
    expect(subText(schedules!.statement.Resource)).toMatch(new RegExp(`:schedule/${SERVICE}-ci/\\*$`));
    const [passRole] = byAction('iam:PassRole');
    expect(passRole!.statement.Resource).toEqual({ 'Fn::GetAtt': ['SchedulerRole', 'Arn'] });
    const invokers = byAction('lambda:InvokeFunction');
    expect(invokers.map(({ owner }) => owner).sort()).toEqual(['IamRoleLambdaExecution', 'SchedulerRole']);
    for (const { statement } of invokers)
      expect(subText(statement.Resource)).toMatch(new RegExp(`${WORKER_ARN}$`));
    for (const { statement } of byAction('ssm:GetParametersByPath'))
      for (const resource of asList(statement.Resource))
        expect(subText(resource)).toMatch(new RegExp(`:parameter/${SERVICE}/ci(/\\*)?$`));
  });

  it('has no circular references between resources', () => {
    const graph = dependencyGraph(ci.template);
    // The graph sees references of every kind (GetAtt, Sub, Ref), so "acyclic" means something.
    expect(graph.get('IamRoleLambdaExecution')).toEqual(
      new Set(['Table', 'SchedulerRole', 'WorkerFailuresQueue']),
    );
    expect(graph.get('ReconcilerSchedule')).toEqual(
      new Set(['ScheduleGroup', 'WorkerLambdaFunction', 'SchedulerRole']),
    );
    expect(graph.get('WorkerLambdaFunction')).toContain('IamRoleLambdaExecution');
    expect(findCycle(graph)).toBeUndefined();
    // And it finds one when a GetAtt closes the loop (the reason the worker ARN is built from its name).
    const looped = structuredClone(ci.template);
    looped.Resources.SchedulerRole!.Properties!.Description = {
      'Fn::GetAtt': ['WorkerLambdaFunction', 'Arn'],
    };
    const cycle = findCycle(dependencyGraph(looped));
    expect(cycle).toEqual(expect.arrayContaining(['SchedulerRole', 'WorkerLambdaFunction']));
    expect(cycle![0]).toBe(cycle!.at(-1));
  });

  it('puts each ESM bundle, with its source map and without the AWS SDK, in its artifact', () => {
    for (const name of ['http', 'worker']) {
      const entries = readZip(join(ci.dir, `${name}.zip`));
      const bundle = entries.get(`src/lambda/${name}.mjs`)?.toString('utf8');
      expect(bundle, `${name}.zip holds ${[...entries.keys()].join(', ')}`).toBeDefined();
      expect(bundle).toMatch(/^import \{ createRequire as __bundleCreateRequire \} from 'node:module';/);
      expect(bundle).toMatch(/export\s*\{[^}]*\bhandler\b[^}]*\}/);
      const map = JSON.parse(entries.get(`src/lambda/${name}.mjs.map`)!.toString('utf8')) as {
        sources: string[];
      };
      expect(map.sources.some((source) => source.includes(`src/lambda/${name}.ts`))).toBe(true);
      expect(map.sources.filter((source) => source.includes('node_modules/@aws-sdk/'))).toEqual([]);
      expect([...entries.keys()].filter((entry) => entry.includes('node_modules'))).toEqual([]);
    }
  });

  it('runs from the artifacts: the packaged http bundle answers /healthz, the worker exports its handler', async () => {
    const bundles = join(work, 'bundles');
    for (const name of ['http', 'worker'])
      for (const [entry, data] of readZip(join(ci.dir, `${name}.zip`))) {
        mkdirSync(dirname(join(bundles, name, entry)), { recursive: true });
        writeFileSync(join(bundles, name, entry), data);
      }
    // Only the AWS SDK is left outside the bundles; the Lambda runtime provides it, here the project does.
    symlinkSync(join(ROOT, 'node_modules'), join(bundles, 'node_modules'));
    const smoke = join(bundles, 'smoke.mjs');
    writeFileSync(smoke, SMOKE);
    const { stdout } = await run(process.execPath, [smoke], {
      cwd: bundles,
      env: {
        ...offlineEnv(),
        SLACK_BOT_TOKEN: 'xoxb-smoke-test-token',
        SLACK_SIGNING_SECRET: 'smoke-test-signing-secret',
        PALETTE_API_KEY: 'smoke-test-palette-key',
        APPROVAL_CHANNEL: 'C0SMOKE01',
        WORKER_FUNCTION_ARN: `arn:aws:lambda:us-east-1:123456789012:function:${SERVICE}-ci-worker`,
        SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/smoke',
        SCHEDULE_GROUP: `${SERVICE}-ci`,
      },
    });
    expect(JSON.parse(stdout)).toEqual({
      worker: 'function',
      healthz: expect.objectContaining({ statusCode: 200, body: JSON.stringify({ ok: true }) }),
    });
    expect(readFileSync(networkLog, 'utf8')).toBe('');
  });

  it('outputs the Slack Request URL', () => {
    const output = ci.template.Outputs!.SlackRequestUrl as JsonObject;
    expect(subText(output.Value!)).toMatch(/^https:\/\/\$\{HttpApi\}\.execute-api\..*\/slack\/events$/);
  });
});

/** The manifest type @slack/web-api gives for apps.manifest.create. */
type Manifest = AppsManifestCreateArguments['manifest'];

describe('the Slack app manifest', () => {
  const manifest = parse(readFileSync(join(ROOT, 'infra', 'slack-app-manifest.yml'), 'utf8')) as Manifest;
  const URL = 'https://YOUR-API/slack/events';

  it('declares /maas, interactivity with options, App Home and app_home_opened, all at /slack/events', () => {
    expect(manifest.features?.slash_commands).toEqual([
      expect.objectContaining({ command: '/maas', url: URL }),
    ]);
    expect(manifest.settings?.interactivity).toMatchObject({
      is_enabled: true,
      request_url: URL,
      message_menu_options_url: URL,
    });
    expect(manifest.settings?.event_subscriptions).toEqual({
      request_url: URL,
      bot_events: ['app_home_opened'],
    });
    expect(manifest.features?.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
  });

  it('asks for bot scopes only, each one explained in the file', () => {
    const text = readFileSync(join(ROOT, 'infra', 'slack-app-manifest.yml'), 'utf8');
    const scopes = manifest.oauth_config?.scopes?.bot ?? [];
    expect(manifest.oauth_config?.scopes?.user).toBeUndefined();
    expect(scopes).toEqual(
      expect.arrayContaining(['commands', 'chat:write', 'users:read', 'usergroups:read']),
    );
    for (const scope of scopes) expect(text).toMatch(new RegExp(`^#\\s+${scope}\\s`, 'm'));
  });
});
