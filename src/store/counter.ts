import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** DynamoDB operations sent through a client, by operation name (`Query`, `UpdateItem`, …). */
export interface OperationCounter {
  counts(): Record<string, number>;
  reset(): void;
}

const counters = new WeakMap<object, OperationCounter>();

/**
 * Counts every operation the client (or the DocumentClient sharing its middleware) sends, so tests and the
 * benchmark can read them and prove there is no Scan. Asking twice for one client gives the same counter.
 */
export function countOperations(client: DynamoDBClient | DynamoDBDocumentClient): OperationCounter {
  const existing = counters.get(client.middlewareStack);
  if (existing) return existing;
  let counts: Record<string, number> = {};
  client.middlewareStack.add(
    (next, context) => (args) => {
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      counts[operation] = (counts[operation] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'operationCounter' },
  );
  const counter: OperationCounter = {
    counts: () => ({ ...counts }),
    reset: () => {
      counts = {};
    },
  };
  counters.set(client.middlewareStack, counter);
  return counter;
}
