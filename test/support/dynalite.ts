import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { WebClient } from '@slack/web-api';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig, secretValues } from '../../src/config';
import type { Deps } from '../../src/deps';
import { IMPLICIT_TEAM } from '../../src/domain/team';
import { addSeconds } from '../../src/domain/time';
import type { Job } from '../../src/jobs/job';
import type { Jobs } from '../../src/jobs/port';
import { ensureTable, type LocalDynamo, localDocumentClient, startDynalite } from '../../src/local/dynalite';
import { createLogger } from '../../src/log';
import type { Palette, PaletteProjects } from '../../src/palette/port';
import type { Scheduler } from '../../src/scheduler/port';
import { countOperations, type OperationCounter } from '../../src/store/counter';
import { DynamoClusterStore } from '../../src/store/dynamo';
import type { NewCluster } from '../../src/store/port';
import { validSpec } from './fixtures';
import { recordedMetrics } from './metrics';

/** A fresh, empty table with its own client and operation counter. */
export interface TestTable {
  tableName: string;
  client: DynamoDBDocumentClient;
  operations: OperationCounter;
}

/**
 * Starts one in-memory dynalite for the calling test file (beforeAll/afterAll) and hands out fresh tables, so
 * tests never see each other's items.
 */
export function useDynalite(): { freshTable(): Promise<TestTable> } {
  let dynamo: LocalDynamo | undefined;
  let tables = 0;
  beforeAll(async () => {
    dynamo = await startDynalite();
  });
  // Closing dynalite also closes the clients' keep-alive connections.
  afterAll(() => dynamo?.close());
  return {
    async freshTable() {
      if (!dynamo)
        throw new Error('useDynalite(): call freshTable() inside a test or hook, after beforeAll.');
      const client = localDocumentClient(dynamo.endpoint);
      const tableName = `test-${++tables}`;
      await ensureTable(client, tableName);
      const operations = countOperations(client);
      operations.reset();
      return { tableName, client, operations };
    },
  };
}

let requests = 0;

/** A new request to store, varied per test (a ULID-like id keeps ids unique and ordered). */
export function newCluster(overrides: Partial<NewCluster> = {}): NewCluster {
  const n = ++requests;
  const requestedAt = new Date(Date.UTC(2030, 0, 1, 12, 0, n)).toISOString();
  return {
    id: `C${String(n).padStart(25, '0')}`,
    name: 'team-a-dev',
    team: IMPLICIT_TEAM,
    spec: validSpec(),
    requester: 'U0REQUESTER',
    requestedAt,
    expiresAt: addSeconds(requestedAt, 86_400),
    slack: { channel: 'C0REQUESTS', threadTs: '1700000000.000100' },
    ...overrides,
  };
}

/** The configuration tests run with (loadConfig over a minimal environment). */
export const TEST_ENV = {
  SLACK_SIGNING_SECRET: 'test-signing-secret',
  SLACK_BOT_TOKEN: 'xoxb-test-bot-token',
  PALETTE_API_KEY: 'test-palette-api-key',
  APPROVAL_CHANNEL: 'C0APPROVALS',
  POLL_INTERVAL: '60',
  FORCE_DELETE_AFTER: '900',
};

/** Palette for every project as one client (a test whose teams share one project, or none). */
export function oneProject(palette: Palette): PaletteProjects {
  return { forProject: () => palette };
}

/** Jobs that only record what was dispatched. */
export function recordingJobs(): Jobs & { dispatched: Job[] } {
  const dispatched: Job[] = [];
  return { dispatched, dispatch: async (job) => void dispatched.push(job) };
}

/** A port no test part should touch: any call fails loudly, naming the method. */
export function untouchable<T extends object>(port: string): T {
  return new Proxy({} as T, {
    // `then` stays undefined so the stand-in is not mistaken for a promise.
    get: (_target, method) =>
      method === 'then'
        ? undefined
        : () => {
            throw new Error(`${port}.${String(method)} is not part of this test.`);
          },
  });
}

/** Deps over a test table: the real store, recording jobs, and stand-ins that fail if used, unless given. */
export function testDeps(table: TestTable, parts: Partial<Deps> & { now: () => Date }): Deps {
  const config = loadConfig(TEST_ENV);
  return {
    config,
    store: new DynamoClusterStore(table.client, table.tableName, parts.now),
    palettes: oneProject(untouchable<Palette>('palette')),
    scheduler: untouchable<Scheduler>('scheduler'),
    jobs: recordingJobs(),
    slack: untouchable<WebClient>('slack'),
    logger: createLogger('test', secretValues(config)),
    metrics: recordedMetrics().metrics,
    ...parts,
  };
}
