import type { Logger } from '@aws-lambda-powertools/logger';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Job } from '../jobs/job';
import type { Jobs } from '../jobs/port';
import { JobSchema } from '../jobs/schema';
import { ITEM_IS_NEW, isConditionFailure } from '../store/conditions';
import { keys, PARTITION_KEY, SCHEDULE_PARTITION, WORK_INDEX } from '../store/table';
import { scheduleName } from './names';
import type { Scheduler } from './port';

/** What the local scheduler needs: the table, where due jobs go, and its clock. */
export interface LocalSchedulerOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  jobs: Jobs;
  logger: Logger;
  /** The clock schedules are due by (the playground and tests may run a faster one). */
  now?: () => Date;
  /** How often (real milliseconds) due schedules are looked for. */
  tickMs?: number;
}

/**
 * Scheduler for the local runtime, durable in the table: each schedule is an item in the `work` index's
 * SCHEDULE partition ordered by due time, so a restarted process fires the overdue ones. Each firing is claimed
 * with a conditional delete before its job is dispatched, so two processes never fire one schedule twice.
 * (A crash between the claim and the run loses that firing: the reconciler recovers stuck work.)
 */
export class LocalScheduler implements Scheduler {
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<number> | undefined;

  constructor(private readonly options: LocalSchedulerOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Stores the schedule unless one with its name exists; due at `when` exactly (the name is per minute). */
  async at(when: Date, job: Job, purpose: string): Promise<string> {
    const name = scheduleName(job, purpose, when);
    try {
      await this.store(name, when, job, ITEM_IS_NEW);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    return name;
  }

  /** Stores the named schedule at `when`, replacing the one of that name (the item is keyed by the name). */
  async put(name: string, when: Date, job: Job): Promise<void> {
    await this.store(name, when, job, {});
  }

  private async store(
    name: string,
    when: Date,
    job: Job,
    condition: Partial<typeof ITEM_IS_NEW>,
  ): Promise<void> {
    const dueAt = when.toISOString();
    await this.options.client.send(
      new PutCommand({
        TableName: this.options.tableName,
        Item: {
          [PARTITION_KEY]: keys.schedule(name),
          // Not `name`: that attribute would put the item in the byName index.
          scheduleName: name,
          job,
          dueAt,
          workPk: SCHEDULE_PARTITION,
          workSk: `${dueAt}#${name}`,
        },
        ...condition,
      }),
    );
  }

  /** Removes a schedule that has not fired; a missing one is fine. */
  async cancel(name: string): Promise<void> {
    await this.options.client.send(
      new DeleteCommand({ TableName: this.options.tableName, Key: { [PARTITION_KEY]: keys.schedule(name) } }),
    );
  }

  /** Fires what is overdue now, then looks again every tick. */
  start(): void {
    if (this.timer) return;
    const tick = () =>
      void this.fireDue().catch((error) => this.options.logger.error('Scheduler tick failed.', { error }));
    this.timer = setInterval(tick, this.options.tickMs ?? 1_000);
    tick();
  }

  /** Stops the timer and waits for a firing in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping?.catch(() => undefined);
  }

  /** Claims and dispatches every schedule due by now; resolves to how many this process fired. */
  fireDue(): Promise<number> {
    // One sweep at a time: a slow one is joined rather than doubled.
    this.sweeping ??= this.sweep().finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  private async sweep(): Promise<number> {
    // `<dueAt>#<name>` sorts by time; everything due at or before now sorts below `<now>$` ('$' follows '#').
    const bound = `${this.now().toISOString()}$`;
    let fired = 0;
    let startKey: QueryCommandInput['ExclusiveStartKey'];
    do {
      const { Items, LastEvaluatedKey } = await this.options.client.send(
        new QueryCommand({
          TableName: this.options.tableName,
          IndexName: WORK_INDEX,
          KeyConditionExpression: 'workPk = :schedules AND workSk < :bound',
          ExpressionAttributeValues: { ':schedules': SCHEDULE_PARTITION, ':bound': bound },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of Items ?? []) if (await this.fire(item)) fired++;
      startKey = LastEvaluatedKey;
    } while (startKey);
    return fired;
  }

  /**
   * Claims one due schedule (a delete conditional on its moment: a schedule moved meanwhile is left for its new
   * moment) and dispatches its job; false when another process won or the schedule moved.
   */
  private async fire(item: Record<string, unknown>): Promise<boolean> {
    try {
      await this.options.client.send(
        new DeleteCommand({
          TableName: this.options.tableName,
          Key: { [PARTITION_KEY]: item[PARTITION_KEY] },
          ConditionExpression: 'attribute_exists(#pk) AND #dueAt = :dueAt',
          ExpressionAttributeNames: { '#pk': PARTITION_KEY, '#dueAt': 'dueAt' },
          ExpressionAttributeValues: { ':dueAt': item.dueAt },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
    const job = JobSchema.safeParse(item.job);
    if (!job.success) {
      this.options.logger.error('Dropped a schedule whose job is not valid.', {
        schedule: item.scheduleName,
      });
      return false;
    }
    await this.options.jobs.dispatch(job.data);
    return true;
  }
}
