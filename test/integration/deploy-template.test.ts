import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { AppsManifestCreateArguments } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PARAMETER_SECRETS } from '../../src/lambda/secrets';
import { METRICS, type MetricName } from '../../src/metrics/catalog';
import { bundleReach } from '../support/bundle-reach';
import { readZip } from '../support/zip';

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
        'RECORD_RETENTION_DAYS',
        'POWERTOOLS_METRICS_NAMESPACE',
        'TEAMS_FILE',
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
      RECORD_RETENTION_DAYS: '365',
      POWERTOOLS_METRICS_NAMESPACE: `${SERVICE}/ci`,
      // The ci stage ships the example teams file: a path from the package's root (the Lambda task root).
      TEAMS_FILE: 'teams.example.yml',
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
      'scheduler:UpdateSchedule',
    ]);
    expect(subText(schedules!.statement.Resource)).toMatch(new RegExp(`:schedule/${SERVICE}-ci/\\*$`));
    const [passRole] = byAction('iam:PassRole');
    expect(passRole!.statement.Resource).toEqual({ 'Fn::GetAtt': ['SchedulerRole', 'Arn'] });
    const invokers = byAction('lambda:InvokeFunction');
    expect(invokers.map(({ owner }) => owner).sort()).toEqual(['IamRoleLambdaExecution', 'SchedulerRole']);
    for (const { statement } of invokers)
      expect(subText(statement.Resource)).toMatch(new RegExp(`${WORKER_ARN}$`));
    // Metrics are embedded metric format log lines: the functions never call CloudWatch or SNS.
    const granted = statements.flatMap(({ statement }) => asList(statement.Action));
    expect(granted.filter((action) => /^(cloudwatch|sns):/.test(action))).toEqual([]);
  });

  it('pages through one SNS topic, subscribed to the stage’s alarmEndpoint, with the alarms the issue lists', () => {
    const { Resources, Conditions } = ci.template;
    expect(Resources.AlarmTopic).toMatchObject({
      Type: 'AWS::SNS::Topic',
      Properties: { TopicName: `${SERVICE}-ci-alarms` },
    });
    expect(Resources.AlarmSubscription).toMatchObject({
      Type: 'AWS::SNS::Subscription',
      Condition: 'HasAlarmEndpoint',
      Properties: { TopicArn: { Ref: 'AlarmTopic' }, Protocol: 'email', Endpoint: 'oncall@example.com' },
    });
    expect(Conditions?.HasAlarmEndpoint).toEqual({
      'Fn::Not': [{ 'Fn::Equals': ['oncall@example.com', ''] }],
    });
    // prod sets no endpoint by default: the topic is made, nothing subscribed until the parameter is given.
    expect(prod.resources.Conditions?.HasAlarmEndpoint).toEqual({ 'Fn::Not': [{ 'Fn::Equals': ['', ''] }] });

    const alarms = Object.fromEntries(ofType(ci.template, 'AWS::CloudWatch::Alarm'));
    expect(Object.keys(alarms).sort()).toEqual([
      'FunctionThrottlesAlarm',
      'HttpErrorsAlarm',
      'PaletteErrorRateAlarm',
      'SweepNotFinishingAlarm',
      'WorkerErrorsAlarm',
      'WorkerFailuresAlarm',
    ]);
    for (const [id, alarm] of Object.entries(alarms)) {
      expect(alarm.Properties!.AlarmActions, id).toEqual([{ Ref: 'AlarmTopic' }]);
      expect(alarm.Properties!.OKActions, id).toEqual([{ Ref: 'AlarmTopic' }]);
      expect(String(alarm.Properties!.AlarmName), id).toMatch(new RegExp(`^${SERVICE}-ci-`));
    }
    expect(alarms.WorkerFailuresAlarm!.Properties).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['WorkerFailuresQueue', 'QueueName'] } }],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    expect(alarms.HttpErrorsAlarm!.Properties).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: 'HttpLambdaFunction' } }],
    });
    expect(alarms.WorkerErrorsAlarm!.Properties).toMatchObject({
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: 'WorkerLambdaFunction' } }],
      Threshold: '5',
    });
    const throttled = alarms.FunctionThrottlesAlarm!.Properties!.Metrics as {
      MetricStat?: { Metric: JsonObject };
    }[];
    expect(
      throttled.flatMap((query) => (query.MetricStat ? [query.MetricStat.Metric.Dimensions] : [])),
    ).toEqual([
      [{ Name: 'FunctionName', Value: { Ref: 'HttpLambdaFunction' } }],
      [{ Name: 'FunctionName', Value: { Ref: 'WorkerLambdaFunction' } }],
    ]);
    expect(alarms.PaletteErrorRateAlarm!.Properties).toMatchObject({
      Threshold: '10',
      ComparisonOperator: 'GreaterThanThreshold',
    });
    // A sweep that never finishes emits nothing: missing data must page.
    expect(alarms.SweepNotFinishingAlarm!.Properties).toMatchObject({
      MetricName: 'Sweeps',
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
  });

  it('watches only series the bot publishes: each alarm on its own metrics names a metric and dimension set it emits', () => {
    const namespace = `${SERVICE}/ci`;
    const watched = ofType(ci.template, 'AWS::CloudWatch::Alarm').flatMap(([id, alarm]) => {
      const properties = alarm.Properties as {
        Namespace?: string;
        MetricName?: string;
        Dimensions?: { Name: string; Value: string }[];
        Metrics?: {
          MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string }[] } };
        }[];
      };
      const single = properties.MetricName
        ? [
            {
              Namespace: properties.Namespace!,
              MetricName: properties.MetricName,
              Dimensions: properties.Dimensions ?? [],
            },
          ]
        : [];
      const queried = (properties.Metrics ?? []).flatMap((query) =>
        query.MetricStat ? [query.MetricStat.Metric] : [],
      );
      return [...single, ...queried].map((metric) => ({ id, ...metric }));
    });
    const own = watched.filter((metric) => metric.Namespace === namespace);
    expect(own.map((metric) => metric.MetricName).sort()).toEqual([
      'PaletteCalls',
      'PaletteCalls',
      'PaletteRetries',
      'PaletteThrottled',
      'Sweeps',
    ]);
    for (const metric of own) {
      const definition = METRICS[metric.MetricName as MetricName];
      const published = [definition.dimensions, ...definition.rollups].map((set) =>
        ['service', ...set].sort().join(','),
      );
      expect(published, `${metric.id}: ${metric.MetricName}`).toContain(
        metric.Dimensions.map((dimension) => dimension.Name)
          .sort()
          .join(','),
      );
    }
  });

  it('has a dashboard with every metric the bot emits, the alarms and the queue, in valid JSON', () => {
    const dashboard = ci.template.Resources.Dashboard!;
    expect(dashboard.Type).toBe('AWS::CloudWatch::Dashboard');
    expect(dashboard.Properties!.DashboardName).toBe(`${SERVICE}-ci`);
    const body = String((dashboard.Properties!.DashboardBody as JsonObject)['Fn::Sub']);
    const referenced = [...body.matchAll(/\$\{([^}]+)\}/g)].map((match) => match[1]!);
    expect(new Set(referenced)).toEqual(
      new Set([
        'AWS::Region',
        'WorkerFailuresAlarm.Arn',
        'HttpErrorsAlarm.Arn',
        'WorkerErrorsAlarm.Arn',
        'FunctionThrottlesAlarm.Arn',
        'PaletteErrorRateAlarm.Arn',
        'SweepNotFinishingAlarm.Arn',
        'WorkerFailuresQueue.QueueName',
        'HttpLambdaFunction',
        'WorkerLambdaFunction',
      ]),
    );
    const parsed = JSON.parse(body.replaceAll(/\$\{[^}]+\}/g, 'x')) as {
      widgets: { type: string; properties: { metrics?: unknown[]; alarms?: string[] } }[];
    };
    const text = JSON.stringify(parsed.widgets);
    for (const name of Object.keys(METRICS)) expect(text, name).toMatch(new RegExp(`\\b${name}\\b`));
    expect(text).toContain(`\\"${SERVICE}/ci\\"`);
    expect(parsed.widgets.find((widget) => widget.type === 'alarm')?.properties.alarms).toHaveLength(6);
    // Each graph of the bot's own metrics asks for a dimension set the bot publishes (or it would stay empty).
    const published = (name: string) => {
      const definition = METRICS[name as MetricName];
      return [definition.dimensions, ...definition.rollups].map((set) =>
        ['service', ...set].sort().join(','),
      );
    };
    const asked = parsed.widgets.flatMap((widget) =>
      (widget.properties.metrics ?? []).flatMap((row): [string, string][] => {
        if (Array.isArray(row) && row[0] === `${SERVICE}/ci`) {
          const keys = row
            .slice(2)
            .filter((_, index) => index % 2 === 0 && typeof row[index + 2] === 'string');
          return [
            [
              String(row[1]),
              keys
                .filter((key) => typeof key === 'string')
                .sort()
                .join(','),
            ],
          ];
        }
        const search = /^SEARCH\('\{"[^"]+",([^}]*)\} MetricName="(\w+)"'/.exec(
          String((row as [{ expression?: string }])[0]?.expression ?? ''),
        );
        return search ? [[search[2]!, search[1]!.split(',').sort().join(',')]] : [];
      }),
    );
    expect(asked.length).toBeGreaterThan(15);
    for (const [name, dimensions] of asked) expect(published(name), name).toContain(dimensions);
    expect(text).toContain('ApproximateNumberOfMessagesVisible');
  });

  it('reads the secrets through the Parameters and Secrets extension, allowed to read exactly those parameters', () => {
    const { Resources } = ci.template;
    for (const fn of ['HttpLambdaFunction', 'WorkerLambdaFunction'])
      expect(Resources[fn]!.Properties!.Layers, fn).toEqual([
        expect.stringMatching(
          /^arn:aws:lambda:us-east-1:\d{12}:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:\d+$/,
        ),
      ]);
    const statements = identityStatements(ci.template).map(({ statement }) => statement);
    const ssmActions = statements.flatMap((statement) =>
      asList(statement.Action).filter((action) => action.startsWith('ssm:')),
    );
    // The extension calls GetParameter, one name at a time: no path reads, no batch reads, nothing else.
    expect(ssmActions).toEqual(['ssm:GetParameter']);
    const parameterArn = (name: string) =>
      `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/${SERVICE}/ci/${name}`;
    const read = statements.find((statement) => asList(statement.Action).includes('ssm:GetParameter'))!;
    expect(read.Effect).toBe('Allow');
    expect(asList(read.Resource).map(subText)).toEqual(PARAMETER_SECRETS.map(parameterArn));
    // SSM decrypts with KMS for the caller: only through SSM, only for those parameters.
    const decrypt = statements.filter((statement) => asList(statement.Action).includes('kms:Decrypt'));
    expect(decrypt).toHaveLength(1);
    expect(asList(decrypt[0]!.Action)).toEqual(['kms:Decrypt']);
    const conditions = decrypt[0]!.Condition as { StringEquals: Record<string, Json> };
    expect(subText(conditions.StringEquals['kms:ViaService']!)).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub placeholder.
      'ssm.${AWS::Region}.amazonaws.com',
    );
    expect(asList(conditions.StringEquals['kms:EncryptionContext:PARAMETER_ARN']!).map(subText)).toEqual(
      PARAMETER_SECRETS.map(parameterArn),
    );
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

  it('puts each ESM bundle in its artifact with its source map and what it imports, the AWS SDK included', () => {
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
      // Bundled (in the chunk the store's first use loads), not taken from the runtime's node_modules.
      const sources = [...entries]
        .filter(([path]) => path.endsWith('.map'))
        .flatMap(([, data]) => (JSON.parse(data.toString('utf8')) as { sources: string[] }).sources);
      expect(sources.some((source) => source.includes('node_modules/@aws-sdk/client-dynamodb/'))).toBe(true);
      expect([...entries.keys()].filter((entry) => entry.includes('node_modules'))).toEqual([]);
      // The teams file is shipped with the code, byte for byte.
      expect(entries.get('teams.example.yml')?.toString('utf8')).toBe(
        readFileSync(join(ROOT, 'teams.example.yml'), 'utf8'),
      );
    }
  });

  it('packs each function with only the files its handler can load, each chunk with its source map', async () => {
    // The code of a zip as text: the teams file is data the handler reads by path (TEAMS_FILE), not code.
    const codeOf = (entries: Map<string, Buffer>) =>
      new Map(
        [...entries]
          .filter(([path]) => !/^teams[^/]*\.yml$/.test(path))
          .map(([path, data]) => [path, data.toString('utf8')] as const),
      );
    const zipped = new Map(
      ['http', 'worker'].map((name) => [name, codeOf(readZip(join(ci.dir, `${name}.zip`)))]),
    );
    for (const [name, files] of zipped) {
      const reach = await bundleReach(files, `src/lambda/${name}.mjs`);
      expect(reach, `${name}.zip`).toMatchObject({ unreachable: [], missing: [], computed: [] });
      const chunks = reach.reachable.filter((path) => path.endsWith('.mjs'));
      expect(chunks.length, `${name}.zip: the handler loads its chunks`).toBeGreaterThan(1);
      for (const path of chunks) {
        const map = JSON.parse(files.get(`${path}.map`) ?? '{}') as {
          mappings?: string;
          sourcesContent?: unknown;
        };
        expect(map.mappings, `${name}.zip: ${path}.map`).toEqual(expect.any(String));
        // Maps serve stack traces (--enable-source-maps): mappings only, the sources are not shipped again.
        expect(map.sourcesContent, `${name}.zip: ${path}.map`).toBeUndefined();
      }
    }
    // And the check sees a chunk that does not belong: the worker's entry in the http zip is one.
    const http = zipped.get('http')!;
    const worker = zipped.get('worker')!;
    const mixed = new Map([...http, ['src/lambda/worker.mjs', worker.get('src/lambda/worker.mjs')!]]);
    expect((await bundleReach(mixed, 'src/lambda/http.mjs')).unreachable).toEqual(['src/lambda/worker.mjs']);
  });

  it('runs from the artifacts: the packaged http bundle answers /healthz, the worker exports its handler', async () => {
    const bundles = join(work, 'bundles');
    for (const name of ['http', 'worker'])
      for (const [entry, data] of readZip(join(ci.dir, `${name}.zip`))) {
        mkdirSync(dirname(join(bundles, name, entry)), { recursive: true });
        writeFileSync(join(bundles, name, entry), data);
      }
    // Nothing beside the bundles (no node_modules, not even an AWS SDK): they hold all they import.
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
        // No SLACK_BOT_ID / SLACK_BOT_USER_ID: the bot asks Slack for them only when an event needs them, so a
        // cold start stays offline (the guard would log an auth.test).
        // The http function starts by reading and checking the teams file it was packaged with.
        TEAMS_FILE: 'http/teams.example.yml',
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

  it('outputs the Slack Request URL, and what the redrive reads: the failures queue and the worker', () => {
    const output = ci.template.Outputs!.SlackRequestUrl as JsonObject;
    expect(subText(output.Value!)).toMatch(/^https:\/\/\$\{HttpApi\}\.execute-api\..*\/slack\/events$/);
    expect(ci.template.Outputs).toMatchObject({
      WorkerFailuresQueueUrl: { Value: { Ref: 'WorkerFailuresQueue' } },
      WorkerFunctionName: { Value: { Ref: 'WorkerLambdaFunction' } },
    });
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
