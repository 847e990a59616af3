import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/serve';
import { REJECT_ACTION } from '../../src/slack/blocks/approval-card';
import { submitRequest } from '../integration/approvals.support';
import { simCatalog, WizardDriver } from '../integration/wizard.support';
import { seedCluster } from '../support/day2';
import { propertyParts, seeded } from '../support/property';
import { useStack } from '../support/stack';
import { startUnpacedBot } from './support/bot';
import { blockTexts, FALLBACK_PROBLEM, unreadable } from './support/readable';
import { payloadBody, send, signedPost } from './support/signed';
import { type CapturedView, viewSubmission } from './support/views';

/** How many submissions the property tries. */
const RUNS = Number(process.env.RESILIENCE_VIEW_RUNS ?? 1_000);

const getStack = useStack({ paletteSimulator: { speed: 200, rateLimits: false } });
let bot: RunningServer;
const views: CapturedView[] = [];
/** The callback ids of the bot's own modals. */
const callbackIds = new Set<string>();
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

/** Keeps the modal in front of `user` as the bot built it. */
function capture(stack: ReturnType<typeof getStack>, user: string): void {
  const front: { callback_id?: string; private_metadata?: string; blocks: unknown[] } = stack
    .slack!.views(user)
    .at(-1)!.view;
  views.push({
    callbackId: front.callback_id ?? '',
    privateMetadata: front.private_metadata ?? '',
    blocks: front.blocks as Record<string, unknown>[],
  });
}

beforeAll(async () => {
  const stack = getStack();
  bot = await startUnpacedBot(stack);
  const slack = stack.slack!;
  // Every step of the wizard, as a person reaches it.
  const wizard = new WizardDriver(stack, await simCatalog(stack), slack.users.requester);
  await wizard.open();
  capture(stack, slack.users.requester);
  for (const submit of [
    () => wizard.cluster(),
    () => wizard.controlPlane(),
    () => wizard.workers(),
    () => wizard.submit(),
  ]) {
    expect((await submit()).outcome).toBe('updated');
    capture(stack, slack.users.requester);
  }
  // The delete confirmation (typed name) and the rejection reason.
  const running = await seedCluster(stack, { name: 'views-running' });
  await slack.command(slack.users.requester, '/maas', `delete ${running.name}`);
  capture(stack, slack.users.requester);
  const { card } = await submitRequest(stack, { name: 'views-pending' });
  await slack.click(slack.users.approver, card, REJECT_ACTION);
  capture(stack, slack.users.approver);
  for (const view of views) callbackIds.add(view.callbackId);
  expect([...callbackIds]).toEqual(
    expect.arrayContaining(['create-cluster', 'delete-confirm', 'reject-reason']),
  );
  process.on('unhandledRejection', onRejection);
});
afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await bot.close();
});

/**
 * What is wrong with a view_submission's answer, for a person: errors must be sentences, views clean. A modal the
 * bot never made has no listener: the kind fallback notice is the right answer to it, and only to it.
 */
function submissionProblems(text: string, ours: boolean): string[] {
  if (text === '') return [];
  const body = JSON.parse(text) as {
    response_action?: string;
    errors?: Record<string, unknown>;
    view?: unknown;
  };
  if (body.response_action === 'errors')
    return Object.values(body.errors ?? {}).flatMap((message) =>
      typeof message === 'string'
        ? unreadable(message, { sentence: true, plainText: true })
        : ['an error that is not text'],
    );
  if (body.response_action === 'update' || body.response_action === 'push')
    return blockTexts((body.view as { blocks?: unknown })?.blocks ?? [])
      .flatMap((shown) => unreadable(shown))
      .filter((problem) => ours || problem !== FALLBACK_PROBLEM);
  if (body.response_action === 'clear') return [];
  return [`an answer Slack does not take: ${text.slice(0, 80)}`];
}

describe('view_submission with any values', () => {
  for (const { first, count } of propertyParts(RUNS))
    it(`answers random submissions of the bot's modals with a 200, and every refusal is readable: runs ${first}–${first + count - 1} of ${RUNS}`, async () => {
      const stack = getStack();
      const slack = stack.slack!;
      const secret = stack.deps.config.slack.signingSecret;
      const people = [slack.users.requester, slack.users.approver, slack.users.admin, slack.users.outsider];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...people), viewSubmission(views), async (user, submission) => {
          const body = payloadBody({
            type: 'view_submission',
            team: { id: 'T0MAAS', domain: 'maas-playground' },
            user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T0MAAS' },
            api_app_id: 'A0MAASBOT',
            token: 'emulator-verification-token',
            trigger_id: '1.2.views',
            view: {
              id: 'V0PROPERTY',
              team_id: 'T0MAAS',
              type: 'modal',
              callback_id: submission.callbackId,
              private_metadata: submission.privateMetadata,
              blocks: submission.blocks,
              state: { values: submission.values },
              hash: '1700000000.property',
              title: { type: 'plain_text', text: 'Property' },
              app_id: 'A0MAASBOT',
              bot_id: 'B0MAASBOT',
            },
            response_urls: [],
            is_enterprise_install: false,
            enterprise: null,
          });
          const answer = await send(bot.url, signedPost(secret, body));
          expect(answer.status).toBe(200);
          expect(submissionProblems(answer.text, callbackIds.has(submission.callbackId))).toEqual([]);
        }),
        seeded(`view submissions, runs ${first}–${first + count - 1}`, count),
      );
      await stack.idle();
      expect(rejections).toEqual([]);
    });
});
