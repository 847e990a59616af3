import { type AuditEvent, type ClusterRecord, HISTORY_LIMIT } from '../domain/cluster';
import { isTerminal, type LifecycleState, nextState } from '../domain/lifecycle';
import { UpdateExpression } from './expression';
import { itemAttribute, WORK_KEY_ATTRIBUTES } from './items';
import { type ClusterChange, InvalidTransitionError } from './port';
import { TTL_ATTRIBUTE } from './table';

/** One transition as the parts of a conditional UpdateItem (everything but the table and key). */
export interface TransitionUpdate {
  to: LifecycleState;
  /** Whether the transition ends the cluster (enters an ending state from a live one). */
  ending: boolean;
  UpdateExpression: string;
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

/**
 * Plans `change` on `record` as ONE update conditioned on the record's version: the fields, the new state, the
 * version bump and the history entry. The condition guarantees the stored item is `record`, so a full history is
 * trimmed by writing the kept tail in the same update (DynamoDB cannot append to and cut a list at once).
 * Entering an ending state also leaves the active index and sets the TTL: the record expires `retentionSeconds`
 * after it ended. Throws InvalidTransitionError before any write.
 */
export function planTransition(
  record: ClusterRecord,
  change: ClusterChange,
  retentionSeconds: number,
): TransitionUpdate {
  const to = nextState(record.state, change.event);
  if (to === undefined) throw new InvalidTransitionError(record.id, record.state, change.event);
  const entry: AuditEvent = {
    at: change.at,
    by: change.by,
    event: change.event,
    from: record.state,
    to,
    ...(change.detail === undefined ? {} : { detail: change.detail }),
  };
  const ending = isTerminal(to) && !isTerminal(record.state);
  const fields: Record<string, unknown> = {
    updatedAt: change.at,
    ...(ending ? { endedAt: change.at } : {}),
    ...Object.fromEntries(Object.entries(change.set ?? {}).filter(([, value]) => value !== undefined)),
    state: to,
    version: record.version + 1,
  };

  const update = new UpdateExpression();
  for (const [field, value] of Object.entries(fields)) update.set(itemAttribute(field), value);
  if (ending) update.set(TTL_ATTRIBUTE, Math.floor(Date.parse(change.at) / 1000) + retentionSeconds);
  if (record.history.length >= HISTORY_LIMIT)
    update.set('history', [...record.history.slice(record.history.length - HISTORY_LIMIT + 1), entry]);
  else
    update.setTo(
      'history',
      `list_append(if_not_exists(${update.name('history')}, ${update.value([])}), ${update.value([entry])})`,
    );
  const removed = [...(change.remove ?? []), ...(ending ? WORK_KEY_ATTRIBUTES : [])];
  for (const field of new Set(removed)) if (!(field in fields)) update.remove(itemAttribute(field));

  const condition = `${update.name('version')} = ${update.value(record.version)}`;
  return {
    to,
    ending,
    UpdateExpression: update.toString(),
    ConditionExpression: condition,
    ExpressionAttributeNames: update.names,
    ExpressionAttributeValues: update.values,
  };
}
