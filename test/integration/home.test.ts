import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { IMPLICIT_TEAM } from '../../src/domain/team';
import { addSeconds } from '../../src/domain/time';
import { runJob } from '../../src/jobs/worker';
import type { ViewRecord } from '../../src/local/slack/types';
import { APPROVE_ACTION } from '../../src/slack/blocks/approval-card';
import { HOME_REFRESH_ACTION } from '../../src/slack/blocks/home';
import { catalogSpec, recordWhen, seedCluster } from '../support/day2';
import { useStack } from '../support/stack';

const stack = useStack();
const slack = () => stack().slack!;
const users = () => slack().users;

/** Opens the App Home tab as `user` and waits for the bot to publish it (again). */
async function openHome(user: string): Promise<ViewRecord> {
  const published = slack().calls('views.publish').length;
  const reply = await slack().openHome(user);
  expect(reply.status).toBe(200);
  await slack().waitFor(() => slack().calls('views.publish').length > published);
  return slack().home(user)!;
}

/** A request waiting for approval, stored as the wizard does, then reviewed (its thread and card posted). */
async function pendingRequest(name: string, requester: string) {
  const now = stack().deps.now().toISOString();
  const record = await stack().deps.store.create({
    team: IMPLICIT_TEAM,
    id: ulid(),
    name,
    spec: await catalogSpec(stack(), name),
    requester,
    requestedAt: now,
    expiresAt: addSeconds(now, 3_600),
    slack: { channel: slack().channels.requests },
  });
  await runJob({ kind: 'review', clusterId: record.id }, stack().deps);
  return (await stack().deps.store.get(record.id))!;
}

const shown = (home: ViewRecord) => JSON.stringify(home.view.blocks);

describe('App Home', () => {
  it('shows my clusters with their state and thread links, and my clusters’ history newest first', async () => {
    const running = await seedCluster(stack(), { name: 'home-mine' });
    await stack().deps.store.apply(running, {
      event: 'note',
      by: users().requester,
      at: addSeconds(stack().deps.now().toISOString(), 1),
      detail: 'Asked for <!channel> attention',
    });
    const home = await openHome(users().requester);
    const blocks = shown(home);
    expect(home.view.blocks.length).toBeLessThanOrEqual(100);
    expect(blocks).toContain('My clusters');
    expect(blocks).toMatch(
      new RegExp(
        `<[^|>]*/archives/${slack().channels.requests}/p${running.slack.threadTs!.replace('.', '')}\\|home-mine> — :large_green_circle: Running`,
      ),
    );
    // The requester decides nothing: no approvals part.
    expect(blocks).not.toContain('Waiting for my approval');
    const activity = blocks.slice(blocks.indexOf('Recent activity'));
    expect(activity).toContain('*home-mine* running: Palette reports it up and healthy');
    expect(activity).toContain(`*home-mine* <@${users().approver}> approved it`);
    // The bot's bookkeeping is not activity (and what a note says never reaches the tab unescaped).
    expect(activity).not.toContain('Asked for');
    expect(activity).not.toContain('<!channel>');
  });

  it('shows an approver the requests they may decide, with the card’s buttons working from the tab', async () => {
    const request = await pendingRequest('home-pending', users().requester);
    const home = await openHome(users().approver);
    expect(shown(home)).toContain('Waiting for my approval');
    // Linked to its approval card.
    expect(shown(home)).toContain(
      `/archives/${slack().channels.approvals}/p${request.slack.approvalTs!.replace('.', '')}|home-pending> requested by <@${users().requester}>`,
    );

    // The requester never sees their own request to approve (no self-approval).
    expect(shown(await openHome(users().requester))).not.toContain('Approve');

    await slack().click(users().approver, { viewId: home.id }, APPROVE_ACTION);
    const decided = await recordWhen(stack(), request.id, (record) => record.state !== 'PENDING_APPROVAL');
    expect(decided.approvals.map((approval) => approval.userId)).toEqual([users().approver]);
    // Once decided, the tab is re-published without it — nobody has to open it again — and the approver's
    // activity shows what they did.
    await stack().idle();
    const republished = shown(slack().home(users().approver)!);
    expect(republished).not.toContain('home-pending> requested by');
    expect(republished).toContain(`*home-pending* <@${users().approver}> approved it`);
    // So is the admin's, whose "Waiting for my approval" also listed it.
    expect(shown(slack().home(users().admin)!)).not.toContain('home-pending> requested by');
  });

  it('answers a click on a request decided meanwhile on the tab itself, not in a DM', async () => {
    const request = await pendingRequest('home-stale', users().requester);
    const home = await openHome(users().approver);
    expect(shown(home)).toContain('home-stale> requested by');
    // Decided elsewhere, without any job running yet: the approver's tab still shows the buttons.
    await stack().deps.store.apply(request, {
      event: 'approved',
      by: users().admin,
      at: stack().deps.now().toISOString(),
      set: { approvals: [{ userId: users().admin, at: stack().deps.now().toISOString() }] },
    });
    // What the request's own jobs post (card, thread) is done before the click is counted.
    await stack().idle();
    const dms = slack().calls('chat.postMessage').length;
    await slack().click(users().approver, { viewId: home.id }, APPROVE_ACTION);
    await slack().waitFor(() => shown(slack().home(users().approver)!).includes('Already decided'));
    await stack().idle();
    const answered = shown(slack().home(users().approver)!);
    expect(answered).toContain(`Already decided: :white_check_mark: Approved by <@${users().admin}>`);
    expect(answered).not.toContain('home-stale> requested by');
    expect(slack().calls('chat.postMessage').length).toBe(dms);
  });

  it('shows an admin every active cluster', async () => {
    await seedCluster(stack(), { name: 'home-all' });
    const home = shown(await openHome(users().admin));
    expect(home).toContain('All active clusters');
    expect(home).toMatch(/home-all> — :large_green_circle: Running · requested by/);
    expect(shown(await openHome(users().approver))).not.toContain('All active clusters');
  });

  it('re-publishes on Refresh', async () => {
    const home = await openHome(users().outsider);
    expect(shown(home)).toContain('You have no clusters yet');
    const published = slack().calls('views.publish').length;
    await slack().click(users().outsider, { viewId: home.id }, HOME_REFRESH_ACTION);
    await slack().waitFor(() => slack().calls('views.publish').length > published);
    expect(slack().calls('views.publish').at(-1)!.args).toMatchObject({ user_id: users().outsider });
  });
});
