import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVE_ACTION } from '../../src/slack/blocks/approval-card';
import { CONFIRM_NAME_BLOCK } from '../../src/slack/blocks/delete';
import { threadShown } from '../integration/approvals.support';
import { childTestTimeout } from '../integration/playground.support';
import { until } from '../support/wait';
import { type Bot, crash, startBot, startWorld, type World } from './support/process';
import { requestThroughWizard } from './support/wizard';

const NAME = 'crash-deletion';
/** Seconds a deletion lasts before force delete is offered (the notice). */
const WINDOW_SECONDS = 3;
/** How long the bot stays down after the crash (POLL_INTERVAL is 1 s). */
const DOWNTIME_MS = 2_500;

let world: World;
let bot: Bot | undefined;

beforeAll(async () => {
  world = await startWorld({ speed: 20, env: { FORCE_DELETE_AFTER: String(WINDOW_SECONDS) } });
});
afterAll(async () => {
  await bot?.process.stop();
  await world.close();
});

/** The force-delete notices the bot posted for the cluster (posts, whatever became of them later). */
const notices = () =>
  world.slack
    .calls('chat.postMessage')
    .filter((call) => call.ok && String(call.args.text).includes(`*${NAME}*`))
    .filter((call) => String(call.args.text).includes('Admins can now force delete it'));

/**
 * Crashes the bot, keeps it down for a while (as a restart takes: longer than two poll intervals, so the first
 * sweep after the restart sees a stalled poll chain), restarts it and waits until its first reconcile sweep and a
 * few polls of the cluster have run.
 */
async function crashAndRestart(running: Bot): Promise<Bot> {
  await crash(running);
  await sleep(DOWNTIME_MS);
  const started = await startBot(world);
  await until('the first reconcile sweep', () =>
    started.output().includes('Reconcile sweep done.') ? true : undefined,
  );
  const reads = world.palette.counters().byPrefix['/v1/spectroclusters'];
  await until('the bot polling the deleting cluster again', () =>
    world.palette.counters().byPrefix['/v1/spectroclusters'] >= reads + 2 ? true : undefined,
  );
  return started;
}

describe('the local process killed with SIGKILL while a cluster is deleting', () => {
  it(
    'posts the force-delete notice once the window opens, exactly once across restarts',
    async () => {
      const { slack, palette } = world;
      bot = await startBot(world);
      // `sim.sticky-delete`: Palette keeps the cluster in Deleting until a force delete.
      const { card, thread } = await requestThroughWizard(
        world.driverStack,
        NAME,
        'team:a, sim.sticky-delete',
      );
      await slack.click(slack.users.approver, card, APPROVE_ACTION);
      await slack.waitFor(() =>
        threadShown(world.driverStack, thread).find((text) => text.startsWith(':tada:')),
      );

      const command = await slack.command(slack.users.requester, '/maas', `delete ${NAME}`);
      expect(command.status).toBe(200);
      const confirm = slack.views(slack.users.requester).at(-1)!;
      expect(
        (await slack.submit(slack.users.requester, confirm.id, { [CONFIRM_NAME_BLOCK]: NAME })).status,
      ).toBe(200);
      await until('Palette receiving the delete', () =>
        palette.clusters().find((cluster) => cluster.name === NAME && cluster.state === 'Deleting'),
      );
      const crashed = crashAndRestart(bot);
      expect(notices()).toHaveLength(0);
      bot = await crashed;
      await slack.waitFor(() => (notices().length > 0 ? true : undefined));
      // A second crash right after the notice, and a restart: nothing posts it again.
      bot = await crashAndRestart(bot);
      expect(notices()).toHaveLength(1);
      expect(palette.clusters().find((cluster) => cluster.name === NAME)?.state).toBe('Deleting');
    },
    childTestTimeout(3, 60_000),
  );
});
