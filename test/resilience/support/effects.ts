import type { LocalStack } from '../../../src/local/stack';

/** DynamoDB operations that write. */
const WRITES = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems'];

/** What a request could have changed: Web API calls made, Palette calls received, DynamoDB writes sent. */
export interface Effects {
  slackCalls: number;
  paletteCalls: number;
  storeWrites: number;
}

/** The effect counters of a stack now (after its jobs have finished). */
export async function effectsNow(stack: LocalStack): Promise<Effects> {
  await stack.idle();
  const operations = stack.operations.counts();
  return {
    slackCalls: stack.slack!.calls().length,
    paletteCalls: stack.palette!.counters().total,
    storeWrites: WRITES.reduce((sum, operation) => sum + (operations[operation] ?? 0), 0),
  };
}

/** The difference between two readings. */
export function effectsBetween(before: Effects, after: Effects): Effects {
  return {
    slackCalls: after.slackCalls - before.slackCalls,
    paletteCalls: after.paletteCalls - before.paletteCalls,
    storeWrites: after.storeWrites - before.storeWrites,
  };
}
