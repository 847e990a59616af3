/**
 * The baseline for cold start: a bare Bolt 5 app on Bolt's own `AwsLambdaReceiver`, as Bolt's documentation
 * deploys it — `import { App, AwsLambdaReceiver } from '@slack/bolt'`, one listener, `receiver.toHandler()`.
 */
import { App, AwsLambdaReceiver } from '@slack/bolt';

const receiver = new AwsLambdaReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET ?? '' });
const app = new App({ token: process.env.SLACK_BOT_TOKEN ?? '', receiver });
app.command('/maas', async ({ ack }) => {
  await ack('What `/maas` can do');
});

/** The Lambda handler. */
export const handler = receiver.toHandler();
