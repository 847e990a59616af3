import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { Job } from './job';
import type { Jobs } from './port';

/** Jobs on AWS: an asynchronous invoke of the worker Lambda, the job (ids only) as its payload. */
export class LambdaJobs implements Jobs {
  constructor(
    private readonly client: LambdaClient,
    private readonly workerFunctionArn: string,
  ) {}

  /** Resolves once Lambda has queued the event (202); Lambda then retries a failing job twice. */
  async dispatch(job: Job): Promise<void> {
    await this.client.send(
      new InvokeCommand({
        FunctionName: this.workerFunctionArn,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(JSON.stringify(job)),
      }),
    );
  }
}
