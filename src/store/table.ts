import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { parse } from 'yaml';
import { z } from 'zod';

/** The table's partition key: every item is one entity, addressed by `<KIND>#<id>`. */
export const PARTITION_KEY = 'pk';
/** Cluster records by name (hash `name`, range `requestedAt`). */
export const BY_NAME_INDEX = 'byName';
/** Cluster records by requester (hash `requester`, range `requestedAt`). */
export const BY_REQUESTER_INDEX = 'byRequester';
/** The sparse work index: active clusters and pending local schedules (hash `workPk`, range `workSk`). */
export const WORK_INDEX = 'work';
/** `workPk` of a cluster that is not yet ended. */
export const ACTIVE_PARTITION = 'ACTIVE';
/** `workPk` of a local schedule that has not fired. */
export const SCHEDULE_PARTITION = 'SCHEDULE';
/** Epoch seconds after which an item is garbage (DynamoDB TTL on AWS; reads ignore it locally). */
export const TTL_ATTRIBUTE = 'expiresAt';

/** Partition key values, one prefix per item kind. */
export const keys = {
  cluster: (id: string) => `CLUSTER#${id}`,
  name: (name: string) => `NAME#${name}`,
  draft: (id: string) => `DRAFT#${id}`,
  once: (key: string) => `ONCE#${key}`,
  schedule: (name: string) => `SCHEDULE#${name}`,
  quota: (team: string) => `QUOTA#${team}`,
  /** The one item holding the reconciler's cursor through Palette's pages. */
  sweepCursor: 'SWEEP#reconcile',
};

/** Where the one table definition lives (also included by serverless.yml). */
function tableFile(): string {
  return fileURLToPath(new URL('../../infra/table.yml', import.meta.url));
}

const KeySchema = z.array(z.object({ AttributeName: z.string(), KeyType: z.enum(['HASH', 'RANGE']) }));

const TablePropertiesSchema = z.object({
  BillingMode: z.literal('PAY_PER_REQUEST'),
  AttributeDefinitions: z.array(
    z.object({ AttributeName: z.string(), AttributeType: z.enum(['S', 'N', 'B']) }),
  ),
  KeySchema,
  GlobalSecondaryIndexes: z.array(
    z.object({
      IndexName: z.string(),
      KeySchema,
      Projection: z.object({ ProjectionType: z.enum(['ALL', 'KEYS_ONLY']) }),
    }),
  ),
});

/** The table definition from infra/table.yml, as a CreateTable request (dynalite in tests and `npm start`). */
export function createTableInput(tableName: string): CreateTableCommandInput {
  // Read on demand, not at import: the Lambda bundles import this module but never create tables.
  const properties = TablePropertiesSchema.parse(parse(readFileSync(tableFile(), 'utf8')));
  return { TableName: tableName, ...properties };
}
