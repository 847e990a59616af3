import { z } from 'zod';

/** A paging cursor that is not one this store handed out. */
export class InvalidCursorError extends Error {
  constructor() {
    super('The paging cursor is not valid; start again from the first page.');
    this.name = 'InvalidCursorError';
  }
}

const KeySchema = z.record(z.string(), z.union([z.string(), z.number()]));

/** An opaque cursor for a DynamoDB LastEvaluatedKey (base64url of its JSON). */
export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

/** The ExclusiveStartKey a cursor stands for; throws InvalidCursorError for anything else. */
export function decodeCursor(cursor: string | undefined): Record<string, string | number> | undefined {
  if (cursor === undefined) return undefined;
  try {
    return KeySchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new InvalidCursorError();
  }
}
