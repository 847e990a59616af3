import type { LambdaEvent } from 'hono/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable, type LocalDynamo, startDynalite } from '../../src/local/dynalite';
import { type SlackEmulator, startSlackEmulator } from '../../src/local/slack/emulator';
import { createDocumentClient } from '../../src/store/client';
import { type ParametersExtension, startParametersExtension } from '../support/parameters-extension';
import { slackHeaders, slashCommandBody, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../support/slack';

let dynamo: LocalDynamo;
let emulator: SlackEmulator;
let extension: ParametersExtension;
const SESSION_TOKEN = 'lambda-session-token';
const saved = { ...process.env };

beforeAll(async () => {
  dynamo = await startDynalite();
  await ensureTable(
    createDocumentClient({
      endpoint: dynamo.endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
    'maas-lambda-test',
  );
  emulator = await startSlackEmulator({ signingSecret: TEST_SIGNING_SECRET, botToken: TEST_BOT_TOKEN });
  // The secrets as SecureStrings, served as the Parameters and Secrets extension serves them.
  extension = await startParametersExtension({
    token: SESSION_TOKEN,
    parameters: {
      '/maas-chatops/test/SLACK_SIGNING_SECRET': TEST_SIGNING_SECRET,
      '/maas-chatops/test/SLACK_BOT_TOKEN': TEST_BOT_TOKEN,
      '/maas-chatops/test/PALETTE_API_KEY': 'test-palette-key',
    },
  });
  // What serverless.yml (and Lambda) give the http function, pointed at local stand-ins; read on the first request.
  Object.assign(process.env, {
    SECRETS_PARAMETER_PATH: '/maas-chatops/test',
    AWS_SESSION_TOKEN: SESSION_TOKEN,
    PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(extension.port),
    SLACK_API_URL: emulator.apiUrl,
    APPROVAL_CHANNEL: emulator.channels.approvals,
    ADMINS: emulator.groups.admins,
    TABLE_NAME: 'maas-lambda-test',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    WORKER_FUNCTION_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:maas-chatops-worker',
    SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/maas-chatops-scheduler',
    SCHEDULE_GROUP: 'maas-chatops',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
});
afterAll(async () => {
  process.env = saved;
  await extension.close();
  await emulator.close();
  await dynamo.close();
});

/** An API Gateway HTTP API (payload 2.0) event, as the http function receives it. */
function apiEvent(
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
  base64 = false,
) {
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'abc123.execute-api.us-east-1.amazonaws.com', ...headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      authentication: null,
      authorizer: {},
      domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'Slackbot 1.0' },
      requestId: 'req-1',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: '01/Mar/2030:12:00:00 +0000',
      timeEpoch: 1_900_000_000_000,
    },
    body: body === undefined ? null : base64 ? Buffer.from(body).toString('base64') : body,
    isBase64Encoded: base64,
  } satisfies LambdaEvent;
}

async function invoke(event: LambdaEvent) {
  const { handler } = await import('../../src/lambda/http');
  return handler(event);
}

describe('the http Lambda handler (hono/aws-lambda)', () => {
  it('answers GET /healthz, having read its secrets once through the extension', async () => {
    const result = await invoke(apiEvent('GET', '/healthz'));
    expect([result.statusCode, JSON.parse(result.body)]).toEqual([200, { ok: true }]);
    await invoke(apiEvent('GET', '/healthz'));
    expect(extension.reads.map((read) => read.name).sort()).toEqual([
      '/maas-chatops/test/PALETTE_API_KEY',
      '/maas-chatops/test/SLACK_BOT_TOKEN',
      '/maas-chatops/test/SLACK_SIGNING_SECRET',
    ]);
  });

  for (const base64 of [false, true])
    it(`answers a signed /maas help with a ${base64 ? 'base64-encoded' : 'plain'} body`, async () => {
      const body = slashCommandBody({ text: 'help' });
      const result = await invoke(apiEvent('POST', '/slack/events', body, slackHeaders(body), base64));
      expect(result.statusCode).toBe(200);
      const answer = JSON.parse(
        result.isBase64Encoded ? Buffer.from(result.body, 'base64').toString() : result.body,
      );
      expect(answer).toMatchObject({ response_type: 'ephemeral', text: 'What `/maas` can do' });
    });

  it('looks clusters up in DynamoDB (the table from TABLE_NAME at AWS_ENDPOINT_URL_DYNAMODB)', async () => {
    const body = slashCommandBody({ text: 'status team-zz' });
    const result = await invoke(apiEvent('POST', '/slack/events', body, slackHeaders(body)));
    expect(JSON.parse(result.body).text).toBe('There is no cluster named `team-zz`; see `/maas list`.');
  });

  it('refuses a body signed with another secret with 401', async () => {
    const body = slashCommandBody({ text: 'help' });
    const result = await invoke(
      apiEvent('POST', '/slack/events', body, slackHeaders(body, { secret: 'wrong' })),
    );
    expect([result.statusCode, result.body]).toEqual([401, 'Invalid Slack signature.']);
  });
});
