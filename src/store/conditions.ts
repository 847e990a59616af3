import { PARTITION_KEY } from './table';

/** The condition of a put that must not overwrite anything. */
export const ITEM_IS_NEW = {
  ConditionExpression: 'attribute_not_exists(#pk)',
  ExpressionAttributeNames: { '#pk': PARTITION_KEY },
};

/** Whether an AWS SDK call failed with the named service exception (matched by name, robust to SDK copies). */
export function isAwsError(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name;
}

/** Whether DynamoDB refused a write because its condition did not hold (the race was lost). */
export function isConditionFailure(error: unknown): boolean {
  return isAwsError(error, 'ConditionalCheckFailedException');
}
