import { describe, expect, it } from 'vitest';
import { BY_NAME_INDEX, BY_REQUESTER_INDEX, createTableInput, PARTITION_KEY, WORK_INDEX } from './table';

describe('createTableInput', () => {
  it('reads infra/table.yml: the key and the indexes the store queries', () => {
    const input = createTableInput('my-table');
    expect(input.TableName).toBe('my-table');
    expect(input.BillingMode).toBe('PAY_PER_REQUEST');
    expect(input.KeySchema).toEqual([{ AttributeName: PARTITION_KEY, KeyType: 'HASH' }]);
    const indexes = Object.fromEntries(
      (input.GlobalSecondaryIndexes ?? []).map((index) => [
        index.IndexName,
        index.KeySchema?.map((key) => key.AttributeName),
      ]),
    );
    expect(indexes).toEqual({
      [BY_NAME_INDEX]: ['name', 'requestedAt'],
      [BY_REQUESTER_INDEX]: ['requester', 'requestedAt'],
      [WORK_INDEX]: ['workPk', 'workSk'],
    });
    const defined = (input.AttributeDefinitions ?? []).map((attribute) => attribute.AttributeName).sort();
    expect(defined).toEqual(['name', 'pk', 'requestedAt', 'requester', 'workPk', 'workSk']);
  });
});
