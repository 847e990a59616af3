import type { ClusterRecord } from '../../src/domain/cluster';
import type { LocalStack } from '../../src/local/stack';
import { APPROVE_ACTION } from '../../src/slack/blocks/approval-card';
import { CONFIRM_NAME_BLOCK } from '../../src/slack/blocks/delete';
import { standIns, submitRequest } from '../integration/approvals.support';
import { recordReaches } from './day2';

/**
 * A request taken all the way through Slack and Palette: submitted (the review job posts its card), approved on
 * the card by the approver, created and running, then deleted by its requester with `/maas delete` and the typed
 * name, until the record is DELETED and every job has finished.
 */
export async function requestToDeletion(stack: LocalStack, name: string): Promise<ClusterRecord> {
  const { slack } = standIns(stack);
  const { record, card } = await submitRequest(stack, { name });
  await slack.click(slack.users.approver, card, APPROVE_ACTION);
  await recordReaches(stack, record.id, 'RUNNING');
  await slack.command(slack.users.requester, '/maas', `delete ${name}`);
  const confirmation = slack.views(slack.users.requester).at(-1)!;
  await slack.submit(slack.users.requester, confirmation.id, { [CONFIRM_NAME_BLOCK]: name });
  await recordReaches(stack, record.id, 'DELETED');
  await stack.idle();
  return (await stack.deps.store.get(record.id))!;
}
