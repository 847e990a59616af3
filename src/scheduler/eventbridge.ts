import {
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  type SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import type { Job } from '../jobs/job';
import type { Jobs } from '../jobs/port';
import { isAwsError } from '../store/conditions';
import { atExpression, dueMinute, scheduleName } from './names';
import type { Scheduler } from './port';

/** Where schedules go and what they invoke (from the configuration's `aws` block). */
export interface EventBridgeSchedulerOptions {
  client: SchedulerClient;
  groupName: string;
  /** The worker Lambda: every schedule invokes it with the job as input. */
  workerArn: string;
  /** The role Scheduler assumes to invoke the worker. */
  roleArn: string;
  /** A moment already past is not scheduled but dispatched at once. */
  jobs: Jobs;
  now?: () => Date;
}

/**
 * Scheduler on EventBridge Scheduler: one-time `at()` schedules in UTC, minute-precise, deleted after they fire,
 * delivering at least once. The name is deterministic, so `ConflictException` means "already scheduled".
 */
export class EventBridgeScheduler implements Scheduler {
  private readonly now: () => Date;

  constructor(private readonly options: EventBridgeSchedulerOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Creates the schedule (or finds it exists); a due minute already past dispatches the job instead. */
  async at(when: Date, job: Job, purpose: string): Promise<string> {
    const name = scheduleName(job, purpose, when);
    if (dueMinute(when).getTime() <= this.now().getTime()) {
      await this.options.jobs.dispatch(job);
      return name;
    }
    try {
      await this.options.client.send(new CreateScheduleCommand(this.definition(name, when, job)));
    } catch (error) {
      if (!isAwsError(error, 'ConflictException')) throw error;
    }
    return name;
  }

  /**
   * Creates the named schedule, or (ConflictException: it exists) updates it to the new moment: UpdateSchedule
   * replaces the whole definition, so both send the same one. A moment already past dispatches the job instead.
   */
  async put(name: string, when: Date, job: Job): Promise<void> {
    if (dueMinute(when).getTime() <= this.now().getTime()) {
      await this.options.jobs.dispatch(job);
      return;
    }
    const definition = this.definition(name, when, job);
    try {
      await this.options.client.send(new CreateScheduleCommand(definition));
    } catch (error) {
      if (!isAwsError(error, 'ConflictException')) throw error;
      await this.options.client.send(new UpdateScheduleCommand(definition));
    }
  }

  /** A one-time schedule in UTC that invokes the worker with `job` and deletes itself once it has fired. */
  private definition(name: string, when: Date, job: Job): CreateScheduleCommandInput {
    return {
      Name: name,
      GroupName: this.options.groupName,
      ScheduleExpression: atExpression(when),
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: this.options.workerArn,
        RoleArn: this.options.roleArn,
        Input: JSON.stringify(job),
        // Retries of the worker invoke: a few, within an hour (the reconciler recovers anything later).
        RetryPolicy: { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 3600 },
      },
    };
  }

  /** Deletes the schedule; one that already fired (and deleted itself) or never existed is fine. */
  async cancel(name: string): Promise<void> {
    try {
      await this.options.client.send(
        new DeleteScheduleCommand({ Name: name, GroupName: this.options.groupName }),
      );
    } catch (error) {
      if (!isAwsError(error, 'ResourceNotFoundException')) throw error;
    }
  }
}
