import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVE_ACTION } from '../../src/slack/blocks/approval-card';
import { threadShown } from '../integration/approvals.support';
import { childTestTimeout } from '../integration/playground.support';
import { until } from '../support/wait';
import { type Bot, crash, startBot, startWorld, type World } from './support/process';
import { requestThroughWizard } from './support/wizard';

let world: World;
let bot: Bot | undefined;
/** Palette's clock: held while the bot sends the create and is killed, so the cluster cannot finish meanwhile. */
const heldAt = Date.now();
let held = true;

beforeAll(async () => {
  // Palette at 10× the playground's pace, its clock held until the test lets it run.
  world = await startWorld({ speed: 10, now: () => (held ? heldAt : Date.now()) });
});
afterAll(async () => {
  await bot?.process.stop();
  await world.close();
});

describe('the local process killed with SIGKILL while a cluster provisions', () => {
  it(
    'follows the provisioning to Running once restarted on the same data',
    async () => {
      const { slack, palette } = world;
      bot = await startBot(world);
      const { card, thread } = await requestThroughWizard(world.driverStack, 'crash-provisioning');
      await slack.click(slack.users.approver, card, APPROVE_ACTION);
      // The bot has sent the create and recorded it: the thread shows the provisioning status.
      await slack.waitFor(() =>
        threadShown(world.driverStack, thread).find((text) => text.includes('Provisioning')),
      );
      await crash(bot);
      const cluster = palette.clusters().find((candidate) => candidate.name === 'crash-provisioning')!;
      expect(cluster.state).not.toBe('Running');
      // Palette goes on without the bot: its clock runs again, from where it was held on to now.
      held = false;
      await until('Palette finishing the provisioning', () =>
        palette
          .clusters()
          .find((candidate) => candidate.name === 'crash-provisioning' && candidate.state === 'Running'),
      );

      bot = await startBot(world);
      const running = await slack.waitFor(() =>
        threadShown(world.driverStack, thread).find((text) => text.startsWith(':tada:')),
      );
      expect(running).toContain('*crash-provisioning* is running');
      expect(palette.counters().byOperation.create).toBe(1);
      expect(threadShown(world.driverStack, thread).filter((text) => text.startsWith(':tada:'))).toHaveLength(
        1,
      );
    },
    childTestTimeout(2, 60_000),
  );
});
