import { describe, expect, it } from 'vitest';
import { APPROVE_ACTION, REJECT_ACTION } from '../../src/slack/blocks/approval-card';
import { REASON_BLOCK } from '../../src/slack/blocks/reject-reason';
import { useStack } from '../support/stack';
import { buttons, messageAt, shown, standIns, submitRequest, threadShown } from './approvals.support';

const getStack = useStack();

const creates = () => standIns(getStack()).palette.counters().byOperation.create ?? 0;
const lastEphemeral = (user: string) => shown(standIns(getStack()).slack.ephemerals(user).at(-1));

describe('approval card and the approve path', () => {
  it('posts the card and the linked request, and follows an approved cluster to Running in its thread', async () => {
    const stack = getStack();
    const { slack, palette } = standIns(stack);
    const createsBefore = creates();
    const { record, card, thread } = await submitRequest(stack, { name: 'team-a-dev' });

    const cardText = shown(messageAt(stack, card));
    expect(card.channel).toBe(slack.channels.approvals);
    for (const fact of [
      `<@${slack.users.requester}>`,
      'Cluster request: team-a-dev',
      record.spec.profileName!,
      record.spec.cloudAccountName!,
      record.spec.domain,
      '*control-plane-pool* (control plane) · 1 node · ≥ 4 CPU, 8 GiB RAM, 60 GiB disk',
      '*worker-pool* · 2 nodes · ≥ 8 CPU, 16 GiB RAM, 100 GiB disk',
      `zones ${record.spec.workerPools[0]!.azs.join(', ')}`,
      'team:a, dev',
      'Palette validated the request.',
      'a month',
      'Who can decide: approvers',
    ])
      expect(cardText).toContain(fact);
    expect(buttons(messageAt(stack, card))).toEqual([APPROVE_ACTION, REJECT_ACTION]);
    const approve = messageAt(stack, card)!.blocks!.find((block) => block.type === 'actions');
    expect(JSON.stringify(approve)).toContain('"confirm"');

    // The request links to the card and the card to the request's thread.
    expect(thread.channel).toBe(slack.channels.requests);
    expect(shown(messageAt(stack, thread))).toContain(
      `/archives/${card.channel}/p${card.ts.replace('.', '')}`,
    );
    expect(cardText).toContain(`/archives/${thread.channel}/p${thread.ts.replace('.', '')}`);

    await slack.click(slack.users.approver, card, APPROVE_ACTION);
    const running = await slack.waitFor(() =>
      threadShown(stack, thread).find((text) => text.startsWith(':tada:')),
    );
    await stack.idle();

    const messages = threadShown(stack, thread);
    expect(messages[0]).toContain(`<@${slack.users.requester}> requested the cluster *team-a-dev*`);
    expect(messages).toContainEqual(
      expect.stringContaining(
        `<@${slack.users.requester}> :white_check_mark: Approved by <@${slack.users.approver}>`,
      ),
    );
    expect(messages.some((text) => /`\d\d:\d\d:\d\d` NodeReady: Node team-a-dev-/.test(text))).toBe(true);
    expect(running).toContain(`:tada: <@${slack.users.requester}> *team-a-dev* is running (Healthy)`);

    const stored = (await stack.deps.store.get(record.id))!;
    expect(stored.state).toBe('RUNNING');
    expect(stored.paletteUid).toBe(palette.clusters().find((cluster) => cluster.name === 'team-a-dev')!.uid);
    const status = shown(messageAt(stack, { channel: thread.channel, ts: stored.slack.statusTs! }));
    expect(status).toContain(':large_green_circle: Running — *team-a-dev*');
    expect(status).toContain('`control-plane-pool` ▓▓▓▓▓▓▓▓▓▓ 1/1 nodes ready');
    expect(status).toContain('`worker-pool` ▓▓▓▓▓▓▓▓▓▓ 2/2 nodes ready');
    expect(status).toContain('took');
    const statusUpdates = slack
      .calls('chat.update')
      .filter((call) => call.args.ts === stored.slack.statusTs && call.ok);
    expect(statusUpdates.length).toBeGreaterThan(0);

    const finalCard = messageAt(stack, card);
    expect(buttons(finalCard)).toEqual([]);
    expect(shown(finalCard)).toContain(`Approved by <@${slack.users.approver}>`);
    expect(shown(finalCard)).toContain(':large_green_circle: Running since');

    expect(creates() - createsBefore).toBe(1);
    expect(palette.counters().rejectedBodies).toEqual([]);
    expect(stored.history.map((entry) => entry.event).filter((event) => event !== 'note')).toEqual([
      'requested',
      'approved',
      'created',
      'running',
    ]);
  });

  it('ten concurrent Approve clicks make one decision and one Palette create', async () => {
    const stack = getStack();
    const { slack } = standIns(stack);
    const { record, card } = await submitRequest(stack, { name: 'team-race' });
    const createsBefore = creates();
    const clickers = [slack.users.approver, slack.users.approver2, slack.users.admin];
    await Promise.all(
      Array.from({ length: 10 }, (_, index) => slack.click(clickers[index % 3]!, card, APPROVE_ACTION)),
    );
    await slack.waitFor(() => buttons(messageAt(stack, card)).length === 0);
    await stack.idle();
    const stored = (await stack.deps.store.get(record.id))!;
    expect(stored.history.filter((entry) => entry.event === 'approved')).toHaveLength(1);
    expect(stored.approvals).toHaveLength(1);
    expect(creates() - createsBefore).toBe(1);
    const decider = stored.approvals[0]!.userId;
    const told = clickers.flatMap((user) => slack.ephemerals(user)).map(shown);
    expect(
      told.some((text) => text.includes(`Already decided: :white_check_mark: Approved by <@${decider}>`)),
    ).toBe(true);
  });

  it('refuses self-approval, sending nothing to Palette', async () => {
    const stack = getStack();
    const { slack, palette } = standIns(stack);
    const { record, card } = await submitRequest(stack, {
      name: 'priya-own',
      requester: slack.users.approver,
    });
    const before = palette.counters().byPrefix['/v1/spectroclusters'];
    await slack.click(slack.users.approver, card, APPROVE_ACTION);
    expect(lastEphemeral(slack.users.approver)).toContain(
      'You requested "priya-own", so you cannot approve it yourself.',
    );
    await stack.idle();
    expect((await stack.deps.store.get(record.id))!.state).toBe('PENDING_APPROVAL');
    expect(palette.counters().byPrefix['/v1/spectroclusters']).toBe(before);
    expect(buttons(messageAt(stack, card))).toEqual([APPROVE_ACTION, REJECT_ACTION]);
  });

  it('refuses someone who is not an approver and says who can', async () => {
    const stack = getStack();
    const { slack } = standIns(stack);
    const { record, card } = await submitRequest(stack, { name: 'outsider-click' });
    await slack.click(slack.users.outsider, card, APPROVE_ACTION);
    const refusal = lastEphemeral(slack.users.outsider);
    expect(refusal).toContain('Only approvers or admins can approve "outsider-click".');
    expect(refusal).toContain(
      `Who can: approvers (<!subteam^${slack.groups.approvers}>) or admins (<@${slack.users.admin}>).`,
    );
    await slack.click(slack.users.outsider, card, REJECT_ACTION);
    expect(lastEphemeral(slack.users.outsider)).toContain('Only approvers or admins can reject');
    expect(slack.views(slack.users.outsider)).toEqual([]);
    expect((await stack.deps.store.get(record.id))!.state).toBe('PENDING_APPROVAL');
  });

  it('rejects with a required reason, escaped in the card and the thread', async () => {
    const stack = getStack();
    const { slack } = standIns(stack);
    const createsBefore = creates();
    const { record, card, thread } = await submitRequest(stack, { name: 'team-rejected' });
    await slack.click(slack.users.approver2, card, REJECT_ACTION);
    const [modal] = slack.views(slack.users.approver2);
    expect(modal!.view).toMatchObject({
      type: 'modal',
      callback_id: 'reject-reason',
      title: { text: 'Reject request' },
    });

    const blank = await slack.submit(
      slack.users.approver2,
      modal!.id,
      { [`${REASON_BLOCK}/reason`]: '   ' },
      { lenient: true },
    );
    expect(blank.outcome).toBe('errors');
    expect(blank.errors?.[REASON_BLOCK]).toContain('Say why');

    const reason = 'Use the <!channel> & <b>lab</b> account instead';
    const submitted = await slack.submit(slack.users.approver2, modal!.id, {
      [`${REASON_BLOCK}/reason`]: reason,
    });
    expect(submitted.outcome).toBe('closed');
    const notice = await slack.waitFor(() =>
      threadShown(stack, thread).find((text) => text.includes('Rejected by')),
    );
    const escaped = 'Use the &lt;!channel&gt; &amp; &lt;b&gt;lab&lt;/b&gt; account instead';
    expect(notice).toContain(
      `<@${slack.users.requester}> :no_entry: Rejected by <@${slack.users.approver2}>`,
    );
    expect(notice).toContain(`> ${escaped}`);
    const finalCard = shown(messageAt(stack, card));
    expect(finalCard).toContain(escaped);
    expect(finalCard).not.toContain('<!channel>');
    expect(buttons(messageAt(stack, card))).toEqual([]);
    const stored = (await stack.deps.store.get(record.id))!;
    expect(stored.state).toBe('REJECTED');
    expect(stored.rejection).toMatchObject({ userId: slack.users.approver2, reason });
    expect(creates()).toBe(createsBefore);
  });

  it('an early or duplicate expiry firing changes nothing', async () => {
    const stack = getStack();
    const { slack } = standIns(stack);
    const { record, thread } = await submitRequest(stack, { name: 'not-yet-expired' });
    const before = threadShown(stack, thread).length;
    await stack.deps.jobs.dispatch({ kind: 'expire', clusterId: record.id });
    await stack.deps.jobs.dispatch({ kind: 'expire', clusterId: record.id });
    await stack.idle();
    const stored = (await stack.deps.store.get(record.id))!;
    expect(stored.state).toBe('PENDING_APPROVAL');
    expect(stored.version).toBe(record.version);
    expect(threadShown(stack, thread)).toHaveLength(before);
    expect(
      slack.ephemerals(slack.users.requester).filter((message) => message.text.includes('expired')),
    ).toEqual([]);
  });

  it('writes to the requester directly when the bot cannot post in the request channel', async () => {
    const stack = getStack();
    const { slack } = standIns(stack);
    const { record, thread } = await submitRequest(stack, {
      name: 'from-random',
      channel: slack.channels.random,
    });
    expect(thread.channel).toMatch(/^D/);
    expect(record.slack.channel).toBe(thread.channel);
    const dm = slack.workspace.channels.find((channel) => channel.id === thread.channel)!;
    expect(dm.user).toBe(slack.users.requester);
    expect(shown(messageAt(stack, thread))).toContain(`I could not post in <#${slack.channels.random}>`);
    expect(record.history.map((entry) => entry.detail)).toContainEqual(
      'Could not post in the request channel: posted to the requester instead.',
    );
  });
});
