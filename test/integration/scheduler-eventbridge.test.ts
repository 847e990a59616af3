import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  ThrottlingException,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../src/jobs/job';
import type { Jobs } from '../../src/jobs/port';
import { EventBridgeScheduler } from '../../src/scheduler/eventbridge';

const WORKER = 'arn:aws:lambda:eu-west-1:123456789012:function:maas-chatops-prod-worker';
const ROLE = 'arn:aws:iam::123456789012:role/maas-chatops-scheduler';
const GROUP = 'maas-chatops-prod';
const CLUSTER = '01J9ZQ4V7M3X8K2N5P6R7S8T9V';

const scheduler = mockClient(SchedulerClient);
const dispatched: Job[] = [];
const jobs: Jobs = { dispatch: async (job) => void dispatched.push(job) };

function adapter(now = '2030-01-01T12:00:00.000Z') {
  return new EventBridgeScheduler({
    client: new SchedulerClient({ region: 'eu-west-1' }),
    groupName: GROUP,
    workerArn: WORKER,
    roleArn: ROLE,
    jobs,
    now: () => new Date(now),
  });
}

/** The exact schedule the adapter must ask EventBridge for: a one-time `at` in UTC that runs `job` on the worker. */
function scheduleInput(name: string, at: string, job: Job) {
  return {
    Name: name,
    GroupName: GROUP,
    ScheduleExpression: at,
    ScheduleExpressionTimezone: 'UTC',
    FlexibleTimeWindow: { Mode: 'OFF' },
    ActionAfterCompletion: 'DELETE',
    Target: {
      Arn: WORKER,
      RoleArn: ROLE,
      Input: JSON.stringify(job),
      RetryPolicy: { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 3600 },
    },
  };
}

beforeEach(() => {
  scheduler.reset();
  dispatched.length = 0;
});

describe('EventBridgeScheduler', () => {
  it('creates a one-time UTC schedule, rounded up to the minute, that invokes the worker with the job', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:aws:scheduler:::schedule/x' });
    const job: Job = { kind: 'poll', clusterId: CLUSTER };
    const name = await adapter().at(new Date('2030-01-01T12:15:20.500Z'), job, 'next');

    expect(name).toBe(`poll_${CLUSTER}_next_20300101t1216`);
    const calls = scheduler.commandCalls(CreateScheduleCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual(scheduleInput(name, 'at(2030-01-01T12:16:00)', job));
    expect(JSON.parse(calls[0]!.args[0].input.Target!.Input!)).toEqual(job);
    expect(name).toMatch(/^[0-9a-zA-Z_.-]{1,64}$/);
    expect(dispatched).toEqual([]);
  });

  it('keeps a long name within 64 characters of the allowed set', async () => {
    scheduler.on(CreateScheduleCommand).resolves({});
    const name = await adapter().at(
      new Date('2030-01-01T12:15:00Z'),
      { kind: 'force-delete-window', clusterId: CLUSTER },
      'force-delete-window opens',
    );
    expect(name).toMatch(/^[0-9a-zA-Z_.-]{64}$/);
    expect(scheduler.commandCalls(CreateScheduleCommand)[0]!.args[0].input.Name).toBe(name);
  });

  it('treats ConflictException as already scheduled and answers the same name', async () => {
    scheduler.on(CreateScheduleCommand).rejects(
      new ConflictException({
        Message: 'Schedule already exists.',
        message: 'Schedule already exists.',
        $metadata: {},
      }),
    );
    const job: Job = { kind: 'expire', clusterId: CLUSTER };
    const when = new Date('2030-01-02T12:00:00Z');
    await expect(adapter().at(when, job, 'approval-ttl')).resolves.toBe(
      `expire_${CLUSTER}_approval-ttl_20300102t1200`,
    );
    expect(scheduler.commandCalls(CreateScheduleCommand)).toHaveLength(1);
  });

  it('passes other failures on, so the caller (and Lambda) can retry', async () => {
    scheduler
      .on(CreateScheduleCommand)
      .rejects(new ThrottlingException({ Message: 'slow down', message: 'slow down', $metadata: {} }));
    await expect(
      adapter().at(new Date('2030-01-02T12:00:00Z'), { kind: 'poll', clusterId: CLUSTER }, 'next'),
    ).rejects.toBeInstanceOf(ThrottlingException);
  });

  it('dispatches at once instead of scheduling a moment already past', async () => {
    const job: Job = { kind: 'poll', clusterId: CLUSTER };
    await adapter('2030-01-01T12:00:30Z').at(new Date('2030-01-01T11:59:00Z'), job, 'next');
    expect(dispatched).toEqual([job]);
    expect(scheduler.commandCalls(CreateScheduleCommand)).toHaveLength(0);
  });

  it('cancels by deleting the schedule in its group; a missing one is fine', async () => {
    scheduler
      .on(DeleteScheduleCommand)
      .resolvesOnce({})
      .rejects(new ResourceNotFoundException({ Message: 'gone', message: 'gone', $metadata: {} }));
    await adapter().cancel('poll_x_next_20300101t1200');
    await adapter().cancel('poll_x_next_20300101t1200');
    expect(scheduler.commandCalls(DeleteScheduleCommand).map((call) => call.args[0].input)).toEqual([
      { Name: 'poll_x_next_20300101t1200', GroupName: GROUP },
      { Name: 'poll_x_next_20300101t1200', GroupName: GROUP },
    ]);
  });

  describe('a lease schedule: one per cluster, moved by each extension, removed when the lease stops', () => {
    const name = `lease_${CLUSTER}`;
    const job: Job = { kind: 'lease', clusterId: CLUSTER };
    const definition = (at: string) => scheduleInput(name, at, job);

    it('creates it the first time, under its fixed name, at the minute of the next lease moment', async () => {
      scheduler.on(CreateScheduleCommand).resolves({});
      await adapter().put(name, new Date('2030-01-08T11:00:00.000Z'), job);
      expect(scheduler.commandCalls(CreateScheduleCommand).map((call) => call.args[0].input)).toEqual([
        definition('at(2030-01-08T11:00:00)'),
      ]);
      expect(scheduler.commandCalls(UpdateScheduleCommand)).toHaveLength(0);
    });

    it('updates it in place when it exists (an extension): the whole definition, at the new moment', async () => {
      scheduler
        .on(CreateScheduleCommand)
        .rejects(new ConflictException({ Message: 'exists', message: 'exists', $metadata: {} }));
      scheduler.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn:aws:scheduler:::schedule/lease' });
      await adapter().put(name, new Date('2030-01-09T10:59:30.000Z'), job);
      expect(scheduler.commandCalls(CreateScheduleCommand).map((call) => call.args[0].input)).toEqual([
        definition('at(2030-01-09T11:00:00)'),
      ]);
      expect(scheduler.commandCalls(UpdateScheduleCommand).map((call) => call.args[0].input)).toEqual([
        definition('at(2030-01-09T11:00:00)'),
      ]);
    });

    it('dispatches a moment already past (a late reminder) instead of scheduling it, and deletes by name', async () => {
      scheduler.on(DeleteScheduleCommand).resolves({});
      await adapter('2030-01-01T12:00:30Z').put(name, new Date('2030-01-01T11:00:00Z'), job);
      expect(dispatched).toEqual([job]);
      expect(scheduler.commandCalls(CreateScheduleCommand)).toHaveLength(0);
      await adapter().cancel(name);
      expect(scheduler.commandCalls(DeleteScheduleCommand).map((call) => call.args[0].input)).toEqual([
        { Name: name, GroupName: GROUP },
      ]);
    });
  });
});
