import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../../../src/http/serve';
import { submitRequest } from '../../integration/approvals.support';
import { seedCluster } from '../../support/day2';
import { propertyParts, seeded } from '../../support/property';
import { useStack } from '../../support/stack';
import { startUnpacedBot } from './bot';
import { answerProblems } from './readable';

/**
 * The `/maas` property, for one kind of text: on a stack with clusters in three states (their names are given to
 * `texts`), every generated text from anyone is answered with a 200 and either a readable message or a modal,
 * and nothing is left as an unhandled rejection. The runs are split into parts (test/support/property.ts), each a
 * test with its own printed seed.
 */
export function commandProperty(
  name: string,
  runs: number,
  texts: (names: string[]) => fc.Arbitrary<string>,
) {
  const getStack = useStack({ paletteSimulator: { speed: 200, rateLimits: false } });
  let bot: RunningServer;
  const names: string[] = [];
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);

  beforeAll(async () => {
    const stack = getStack();
    bot = await startUnpacedBot(stack);
    names.push((await submitRequest(stack, { name: 'prop-pending' })).record.name);
    names.push((await seedCluster(stack, { name: 'prop-running' })).name);
    names.push((await seedCluster(stack, { name: 'prop-provisioning', state: 'PROVISIONING' })).name);
    process.on('unhandledRejection', onRejection);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onRejection);
    await bot.close();
  });

  for (const { first, count } of propertyParts(runs))
    it(`answers ${name} from anyone with a 200 and a readable message, or a modal: runs ${first}–${first + count - 1} of ${runs}`, async () => {
      const stack = getStack();
      const slack = stack.slack!;
      const people = [slack.users.requester, slack.users.approver, slack.users.admin, slack.users.outsider];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...people), texts(names), async (user, text) => {
          const openBefore = slack.views(user).length;
          const result = await slack.command(user, '/maas', text);
          expect(result.error).toBeUndefined();
          expect(result.status).toBe(200);
          if (result.body === undefined) {
            // No message: the command opened a modal (create-cluster, a delete confirmation); close it again.
            const opened = slack.views(user);
            expect(opened.length).toBeGreaterThan(openBefore);
            for (const view of opened.reverse()) await slack.dismiss(user, view.id);
          } else expect(answerProblems(result.body as Record<string, unknown>)).toEqual([]);
        }),
        seeded(`${name}, runs ${first}–${first + count - 1}`, count),
      );
      await stack.idle();
      expect(rejections).toEqual([]);
    });
}
