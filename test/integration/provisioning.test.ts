import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import type { ClusterRecord } from '../../src/domain/cluster';
import { approvalExpiresAt } from '../../src/domain/policy';
import { IMPLICIT_TEAM } from '../../src/domain/team';
import { STALL_LABEL, STICKY_DELETE_LABEL } from '../../src/local/palette/simulator';
import { buildCreateBody } from '../../src/palette/build';
import { APPROVE_ACTION } from '../../src/slack/blocks/approval-card';
import { teamPalette, useStack } from '../support/stack';
import { messageAt, shown, standIns, submitRequest, threadShown } from './approvals.support';

// A stall is reported after 1 s without change (the simulator's `sim.stall` clusters never finish).
const getStack = useStack({ configure: (config) => ({ ...config, stallAfterSeconds: 1 }) });

const creates = () => standIns(getStack()).palette.counters().byOperation.create ?? 0;

/** Approves a request in the store directly, as the Approve click would (no create job dispatched). */
async function approveInStore(record: ClusterRecord): Promise<ClusterRecord> {
  const { deps } = getStack();
  const at = deps.now().toISOString();
  const approver = standIns(getStack()).slack.users.approver;
  return deps.store.apply(record, {
    event: 'approved',
    by: approver,
    at,
    set: { approvals: [{ userId: approver, at }] },
  });
}

/** Resolves with the thread's Running notice, once posted (the poll posts it after the transition). */
function runningNotice(record: ClusterRecord) {
  const stack = getStack();
  const thread = { channel: record.slack.channel, ts: record.slack.threadTs! };
  return standIns(stack).slack.waitFor(() =>
    threadShown(stack, thread).find((text) => text.startsWith(':tada:')),
  );
}

describe('create in Palette', () => {
  it('sends a first try straight to Palette, marking it first, without searching for an earlier one', async () => {
    const stack = getStack();
    const { palette } = standIns(stack);
    const approved = await approveInStore((await submitRequest(stack, { name: 'team-first' })).record);
    const searches = palette.counters().byOperation.search ?? 0;
    const before = creates();
    await stack.deps.jobs.dispatch({ kind: 'create', clusterId: approved.id });
    await stack.idle();
    const record = (await stack.deps.store.get(approved.id))!;
    expect(creates()).toBe(before + 1);
    expect(palette.counters().byOperation.search ?? 0).toBe(searches);
    expect(record.createSentAt).toBeDefined();
    expect(record.history.map((entry) => entry.event)).toEqual(expect.arrayContaining(['note', 'created']));
  });

  it('adopts the cluster a crashed try created instead of creating a second one', async () => {
    const stack = getStack();
    const { palette } = standIns(stack);
    const submitted = await submitRequest(stack, { name: 'team-adopt' });
    const approvedFirst = await approveInStore(submitted.record);
    // The earlier try: it marked the record, Palette accepted the create, then the worker died before recording it.
    const approved = await stack.deps.store.apply(approvedFirst, {
      event: 'note',
      by: 'bot',
      at: new Date().toISOString(),
      set: { createSentAt: new Date().toISOString() },
    });
    const packs = await teamPalette(stack).profilePacks(approved.spec.profileUid);
    const { uid } = await teamPalette(stack).createCluster(buildCreateBody(approved.spec, packs));
    const before = creates();

    await stack.deps.jobs.dispatch({ kind: 'create', clusterId: approved.id });
    await stack.idle();
    const record = (await stack.deps.store.get(approved.id))!;
    expect(creates()).toBe(before);
    expect(record.paletteUid).toBe(uid);
    expect(record.cloudConfigUid).toBe(
      palette.clusters().find((cluster) => cluster.uid === uid)!.cloudConfigUid,
    );
    expect(record.history.find((entry) => entry.event === 'created')).toMatchObject({
      by: 'bot',
      detail: 'Adopted the cluster an earlier try created in Palette.',
    });
    expect(palette.clusters().filter((cluster) => cluster.name === 'team-adopt')).toHaveLength(1);
    await runningNotice(record);
  });

  it('two create jobs at once make one cluster: the loser adopts the winner’s', async () => {
    const stack = getStack();
    const { palette } = standIns(stack);
    const approved = await approveInStore((await submitRequest(stack, { name: 'team-twice' })).record);
    await Promise.all([
      stack.deps.jobs.dispatch({ kind: 'create', clusterId: approved.id }),
      stack.deps.jobs.dispatch({ kind: 'create', clusterId: approved.id }),
    ]);
    await stack.idle();
    const clusters = palette.clusters().filter((cluster) => cluster.name === 'team-twice');
    expect(clusters).toHaveLength(1);
    const record = (await stack.deps.store.get(approved.id))!;
    expect(record.paletteUid).toBe(clusters[0]!.uid);
    expect(record.history.filter((entry) => entry.event === 'created')).toHaveLength(1);
    expect(palette.counters().rejectedBodies).toEqual([]);
  });

  it("Palette's 400 fails the request with Palette's message, escaped, never a stack trace", async () => {
    const stack = getStack();
    const { slack, palette } = standIns(stack);
    const { record, card, thread } = await submitRequest(stack, { name: 'team-refused' });
    const message = "Machine pool 'worker-pool': <b>quota</b> of 2 nodes exceeded";
    palette.injectOnce('POST', '/v1/spectroclusters/maas', {
      status: 400,
      body: { code: 'InvalidRequest', message, details: '', ref: 'ref-1' },
    });
    await slack.click(slack.users.approver, card, APPROVE_ACTION);
    const notice = await slack.waitFor(() =>
      threadShown(stack, thread).find((text) => text.startsWith(':red_circle:')),
    );
    await stack.idle();
    const escaped = "Machine pool 'worker-pool': &lt;b&gt;quota&lt;/b&gt; of 2 nodes exceeded";
    expect(notice).toContain(
      `<@${slack.users.requester}> Palette refused to create *team-refused*:\n> ${escaped}`,
    );
    expect(notice).toContain('`/maas create-cluster team-refused`');
    const failed = (await stack.deps.store.get(record.id))!;
    expect(failed).toMatchObject({ state: 'FAILED', failure: message });
    const cardText = shown(messageAt(stack, card));
    expect(cardText).toContain(`:red_circle: Failed: ${escaped}`);
    for (const text of [notice, cardText]) expect(text).not.toMatch(/PaletteError|\n\s+at |\.ts:\d+/);
    expect(palette.clusters().some((cluster) => cluster.name === 'team-refused')).toBe(false);
    // The name is free again.
    expect(
      await stack.deps.store.create({
        team: IMPLICIT_TEAM,
        id: ulid(),
        name: 'team-refused',
        spec: failed.spec,
        requester: failed.requester,
        requestedAt: stack.deps.now().toISOString(),
        expiresAt: approvalExpiresAt(stack.deps.now().toISOString(), stack.deps.config.policy),
        slack: { channel: slack.channels.requests },
      }),
    ).toMatchObject({ state: 'PENDING_APPROVAL' });
  });

  it('a Palette 500 is retried by the job, not reported as a refusal', async () => {
    const stack = getStack();
    const { palette } = standIns(stack);
    const approved = await approveInStore((await submitRequest(stack, { name: 'team-retry' })).record);
    palette.injectOnce('POST', '/v1/spectroclusters/maas', {
      status: 500,
      body: { code: 'InternalError', message: 'database is busy' },
    });
    await stack.deps.jobs.dispatch({ kind: 'create', clusterId: approved.id });
    await runningNotice(approved);
    const running = (await stack.deps.store.get(approved.id))!;
    expect(running).toMatchObject({ state: 'RUNNING' });
    expect(running.failure).toBeUndefined();
    expect(palette.clusters().filter((cluster) => cluster.name === 'team-retry')).toHaveLength(1);
  });
});

describe('the status thread', () => {
  it('reports a stall once, then follows an abort made in Palette through Deleting to Deleted', async () => {
    const stack = getStack();
    const { slack, palette } = standIns(stack);
    const { record, card, thread } = await submitRequest(stack, {
      name: 'team-stuck',
      // Stalls while provisioning; its deletion waits for a force delete.
      spec: { tags: [{ key: STALL_LABEL }, { key: STICKY_DELETE_LABEL }] },
    });
    await slack.click(slack.users.approver, card, APPROVE_ACTION);
    const stalled = await slack.waitFor(() =>
      threadShown(stack, thread).find((text) => text.includes('shows no progress')),
    );
    expect(stalled).toContain(`:warning: <@${slack.users.requester}> *team-stuck* shows no progress for`);
    expect(stalled).toContain('`/maas abort team-stuck`');
    const provisioning = (await stack.deps.store.get(record.id))!;
    expect(provisioning.state).toBe('PROVISIONING');
    const status = shown(messageAt(stack, { channel: thread.channel, ts: provisioning.slack.statusTs! }));
    expect(status).toContain(':construction: Provisioning — *team-stuck*');
    expect(status).toMatch(/`worker-pool` ▓+░* [0-2]\/2 nodes ready/);
    expect(status).toContain('elapsed since the create');

    // Someone aborts it in Palette's console, then force-deletes it there.
    await teamPalette(stack).deleteCluster(provisioning.paletteUid!, { force: false });
    await slack.waitFor(() =>
      shown(messageAt(stack, { channel: thread.channel, ts: provisioning.slack.statusTs! })).includes(
        ':wastebasket: Deleting — *team-stuck*',
      ),
    );
    expect((await stack.deps.store.get(record.id))!).toMatchObject({
      state: 'DELETING',
      deleteKind: 'abort',
    });
    await teamPalette(stack).deleteCluster(provisioning.paletteUid!, { force: true });
    const gone = await slack.waitFor(() =>
      threadShown(stack, thread).find((text) => text.includes('was aborted')),
    );
    await stack.idle();
    expect(gone).toBe(
      `:black_circle: <@${slack.users.requester}> *team-stuck* was aborted outside the bot (in Palette) and what was created is deleted. The name is free again.`,
    );
    expect(threadShown(stack, thread).filter((text) => text.includes('shows no progress'))).toHaveLength(1);
    const deleted = (await stack.deps.store.get(record.id))!;
    expect(deleted).toMatchObject({ state: 'DELETED', deleteKind: 'abort' });
    expect(deleted.history.filter((entry) => entry.by === 'palette').map((entry) => entry.event)).toEqual([
      'abort-started',
      'deleted',
    ]);
    expect(shown(messageAt(stack, card))).toContain(':black_circle: Deleted at');
    expect(palette.clusters().find((cluster) => cluster.name === 'team-stuck')!.state).toBe('Deleted');
    expect((await stack.deps.store.findByName('team-stuck'))!.state).toBe('DELETED');
  });

  it('announces a cluster the reconciler found running, once', async () => {
    const stack = getStack();
    const approved = await approveInStore((await submitRequest(stack, { name: 'team-swept' })).record);
    const packs = await teamPalette(stack).profilePacks(approved.spec.profileUid);
    const { uid } = await teamPalette(stack).createCluster(buildCreateBody(approved.spec, packs));
    const at = stack.deps.now().toISOString();
    // The create was recorded, but its poll chain was lost; the reconciler then saw Palette's Running.
    const created = await stack.deps.store.apply(approved, {
      event: 'created',
      by: 'bot',
      at,
      set: { paletteUid: uid, provisioningSince: at },
    });
    await stack.deps.store.apply(created, {
      event: 'running',
      by: 'palette',
      at: stack.deps.now().toISOString(),
      set: { runningSince: stack.deps.now().toISOString() },
    });
    await stack.deps.jobs.dispatch({ kind: 'poll', clusterId: approved.id });
    await stack.deps.jobs.dispatch({ kind: 'poll', clusterId: approved.id });
    await stack.idle();
    const record = (await stack.deps.store.get(approved.id))!;
    const thread = { channel: record.slack.channel, ts: record.slack.threadTs! };
    expect(threadShown(stack, thread).filter((text) => text.startsWith(':tada:'))).toHaveLength(1);
    expect(shown(messageAt(stack, { channel: thread.channel, ts: record.slack.statusTs! }))).toContain(
      ':large_green_circle: Running — *team-swept*',
    );
  });
});
