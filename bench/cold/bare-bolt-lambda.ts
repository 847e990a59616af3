/**
 * The baseline for cold start: a bare Bolt 5 app on Bolt's own `AwsLambdaReceiver`, as Bolt's documentation
 * deploys it — `import { App, AwsLambdaReceiver } from '@slack/bolt'`, one listener, `receiver.toHandler()`, and
 * the signing secret and token in environment variables (its guide's serverless.yml sets them from `${env:…}`).
 */
import { App, AwsLambdaReceiver } from '@slack/bolt';

const receiver = new AwsLambdaReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET ?? '' });
// Slack's Web API stays Slack's unless the benchmark points it at its stand-in.
const app = new App({
  token: process.env.SLACK_BOT_TOKEN ?? '',
  receiver,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
});
app.command('/maas', async ({ ack }) => {
  await ack('What `/maas` can do');
});

/** The Lambda handler. */
export const handler = receiver.toHandler();
