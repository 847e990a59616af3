/**
 * The bare Bolt baseline reading the same secrets as ours: Bolt's `AwsLambdaReceiver` app as its documentation
 * deploys it, except that the signing secret and token come from SSM through the Parameters and Secrets extension
 * (the same read as ours, src/lambda/secrets.ts). The extension answers only during an invocation, so the app is
 * built on the first one, after its read.
 */
import { App, AwsLambdaReceiver } from '@slack/bolt';
import { readParameterSecrets } from '../../src/lambda/secrets';

type AwsHandler = ReturnType<AwsLambdaReceiver['toHandler']>;
let built: Promise<AwsHandler> | undefined;

async function build(): Promise<AwsHandler> {
  const secrets = await readParameterSecrets(process.env);
  const receiver = new AwsLambdaReceiver({ signingSecret: secrets.SLACK_SIGNING_SECRET ?? '' });
  const app = new App({
    token: secrets.SLACK_BOT_TOKEN ?? '',
    receiver,
    clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  });
  app.command('/maas', async ({ ack }) => {
    await ack('What `/maas` can do');
  });
  return receiver.toHandler();
}

/** The Lambda handler. */
export const handler: AwsHandler = async (event, context) => {
  built ??= build();
  return (await built)(event, context);
};
