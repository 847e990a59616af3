import { expect } from 'vitest';
import type { SlackMessage } from '../../../src/local/slack/types';
import type { LocalStack } from '../../../src/local/stack';
import { APPROVE_ACTION } from '../../../src/slack/blocks/approval-card';
import { buttons, shown } from '../../integration/approvals.support';
import { simCatalog, WizardDriver } from '../../integration/wizard.support';

/** Where a request lives in Slack once submitted: its approval card and its thread. */
export interface RequestPlaces {
  card: { channel: string; ts: string };
  thread: { channel: string; ts: string };
}

/**
 * The requester goes through the whole create-cluster wizard (the real modal, step by step) and submits; resolves
 * once the bot has posted the approval card and the request's thread.
 */
export async function requestThroughWizard(
  stack: LocalStack,
  name: string,
  tags = 'team:a, dev',
): Promise<RequestPlaces> {
  const slack = stack.slack!;
  const wizard = new WizardDriver(stack, await simCatalog(stack), slack.users.requester);
  await wizard.open();
  expect((await wizard.cluster({ name, tags })).outcome).toBe('updated');
  expect((await wizard.controlPlane()).outcome).toBe('updated');
  expect((await wizard.workers()).outcome).toBe('updated');
  expect((await wizard.submit()).outcome).toBe('updated');
  expect(wizard.meta().step).toBe('review');
  await wizard.submit();
  const mentions = (message: SlackMessage) => shown(message).includes(name);
  const card = await slack.waitFor((workspace) =>
    workspace.messages.find(
      (message) =>
        message.channel === slack.channels.approvals &&
        buttons(message).includes(APPROVE_ACTION) &&
        mentions(message),
    ),
  );
  const thread = await slack.waitFor((workspace) =>
    workspace.messages.find(
      (message) => message.channel === slack.channels.requests && !message.threadTs && mentions(message),
    ),
  );
  return { card: { channel: card.channel, ts: card.ts }, thread: { channel: thread.channel, ts: thread.ts } };
}
