import { describe, expect, it } from 'vitest';
import { APPROVE_ACTION } from '../../src/slack/blocks/approval-card';
import { CONFIRM_NAME_BLOCK } from '../../src/slack/blocks/delete';
import { recordReaches } from '../support/day2';
import { useStack } from '../support/stack';
import { messageAt, shown, standIns, submitRequest } from './approvals.support';

const getStack = useStack();

describe('the request message in the channel', () => {
  it('shows the current state in one line through every state, from waiting to deleted', async () => {
    const stack = getStack();
    const { slack } = standIns(stack);
    const { record, card, thread } = await submitRequest(stack, { name: 'line-story' });
    const line = () => shown(messageAt(stack, thread)).split('\n')[1] ?? '';
    expect(line()).toMatch(
      /^:hourglass_flowing_sand: \*Waiting for approval\*: see <[^|]+\|the approval card>\. The request expires at .+ if nobody decides\.$/,
    );

    await slack.click(slack.users.approver, card, APPROVE_ACTION);
    await recordReaches(stack, record.id, 'RUNNING');
    await slack.waitFor(() => line().startsWith(':large_green_circle: *Running* since'));

    await slack.command(slack.users.requester, '/maas', `delete ${record.name}`);
    const modal = slack.views(slack.users.requester).at(-1)!;
    await slack.submit(slack.users.requester, modal.id, { [CONFIRM_NAME_BLOCK]: record.name });
    await recordReaches(stack, record.id, 'DELETED');
    await stack.idle();
    expect(line()).toMatch(/^:black_circle: \*Deleted\* at .+\. Every machine is released\.$/);

    // Every state it went through was shown, in order, each as one line under who asked for what.
    const states = slack
      .calls('chat.update')
      .filter((call) => call.ok && call.args.ts === thread.ts)
      .map((call) => String(call.args.text).replace(/^.*": /, ''));
    const order = ['provisioning.', 'running.', 'deleting.', 'deleted.'];
    const seen = order.map((state) => states.indexOf(state));
    expect(seen.every((index) => index >= 0)).toBe(true);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(shown(messageAt(stack, thread)).split('\n')).toHaveLength(3);
  });
});
