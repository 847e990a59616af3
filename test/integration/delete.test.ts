import { describe, expect, it } from 'vitest';
import { addSeconds } from '../../src/domain/time';
import { createReconciler } from '../../src/jobs/handlers/reconcile';
import { runJob } from '../../src/jobs/worker';
import { CONFIRM_NAME_BLOCK } from '../../src/slack/blocks/delete';
import { recordReaches, seedCluster, threadTexts } from '../support/day2';
import { teamPalette, useStack } from '../support/stack';

const stack = useStack();
const slack = () => stack().slack!;
const users = () => slack().users;

/** `/maas TEXT` typed by `user`: the ephemeral answer (undefined when the bot answered with a modal). */
async function maas(user: string, text: string) {
  const result = await slack().command(user, '/maas', text);
  expect(result.status).toBe(200);
  return result.body as { response_type: string; text: string } | undefined;
}

/** Opens the confirmation with `/maas KIND NAME` and returns the modal's view id. */
async function openConfirmation(user: string, kind: 'delete' | 'abort', name: string): Promise<string> {
  expect(await maas(user, `${kind} ${name}`)).toBeUndefined();
  const modal = slack().views(user).at(-1)!;
  expect(modal.view).toMatchObject({ callback_id: 'delete-confirm' });
  return modal.id;
}

describe('/maas delete', () => {
  it('deletes a running cluster once its name is typed and tells the thread who started it', async () => {
    const record = await seedCluster(stack(), { name: 'del-running' });
    const before = stack().palette!.counters().byOperation.delete ?? 0;
    const viewId = await openConfirmation(users().requester, 'delete', record.name);
    expect(JSON.stringify(slack().views(users().requester).at(-1)!.view)).toContain('cannot be undone');

    const wrong = await slack().submit(users().requester, viewId, { [CONFIRM_NAME_BLOCK]: 'del-runing' });
    expect(wrong.outcome).toBe('errors');
    expect(wrong.errors![CONFIRM_NAME_BLOCK]).toBe('Type "del-running" exactly to confirm.');
    expect((await stack().deps.store.get(record.id))!.state).toBe('RUNNING');

    const submitted = await slack().submit(users().requester, viewId, {
      [CONFIRM_NAME_BLOCK]: 'del-running',
    });
    expect(submitted.outcome).toBe('updated');
    expect(JSON.stringify(slack().views(users().requester).at(-1)!.view)).toContain('Deleting *del-running*');
    const deleting = (await stack().deps.store.get(record.id))!;
    expect(deleting).toMatchObject({ state: 'DELETING', deleteKind: 'delete', deletedBy: users().requester });
    // The delete job it started may already have added its own entries after it.
    expect(deleting.history.find((entry) => entry.event === 'delete-started')).toMatchObject({
      by: users().requester,
    });

    await stack().idle();
    expect(stack().palette!.counters().byOperation.delete).toBe(before + 1);
    expect(threadTexts(stack(), record)[0]).toContain(
      `<@${users().requester}> started deleting *del-running*`,
    );
  });

  it('reaches Deleted, says so in the thread and frees the name', async () => {
    const record = await seedCluster(stack(), { name: 'del-to-end' });
    const viewId = await openConfirmation(users().admin, 'delete', record.name);
    await slack().submit(users().admin, viewId, { [CONFIRM_NAME_BLOCK]: record.name });
    const deleted = await recordReaches(stack(), record.id, 'DELETED');
    expect(deleted.endedAt).toBeDefined();
    // The poll tells the thread once the record has ended.
    await slack().waitFor(() =>
      threadTexts(stack(), record).find((text) => text.includes('*del-to-end* is deleted')),
    );
    expect(threadTexts(stack(), record)[0]).toContain(`<@${users().admin}> started deleting`);
    expect(
      stack()
        .palette!.clusters()
        .find((cluster) => cluster.uid === record.paletteUid)?.state,
    ).toBe('Deleted');
    // The name is free again: a new request may take it.
    const again = await seedCluster(stack(), { name: 'del-to-end' });
    expect(again.id).not.toBe(record.id);
  });

  it('refuses a cluster still provisioning and points to abort, without a modal', async () => {
    const record = await seedCluster(stack(), { name: 'del-provisioning', state: 'PROVISIONING' });
    const opened = slack().calls('views.open').length;
    const answer = await maas(users().requester, `delete ${record.name}`);
    expect(answer!.response_type).toBe('ephemeral');
    expect(answer!.text).toContain('"del-provisioning" is still provisioning.');
    expect(answer!.text).toContain('Use `/maas abort del-provisioning`');
    expect(slack().calls('views.open')).toHaveLength(opened);
  });

  it('refuses someone who is neither the requester nor an admin, naming who can', async () => {
    const record = await seedCluster(stack(), { name: 'del-outsider' });
    const answer = await maas(users().outsider, `delete ${record.name}`);
    expect(answer!.text).toContain('Only the requester or admins can delete "del-outsider".');
    expect(answer!.text).toContain(
      `Who can: the requester, <@${users().requester}> or admins (<@${users().admin}>)`,
    );
    expect((await stack().deps.store.get(record.id))!.state).toBe('RUNNING');
  });

  it('decides again on submit: a second confirmation after the first is refused and sends nothing', async () => {
    // Sticky: it stays Deleting, so the late submission meets a deletion still in progress.
    const record = await seedCluster(stack(), { name: 'del-twice', sticky: true });
    const adminView = await openConfirmation(users().admin, 'delete', record.name);
    const requesterView = await openConfirmation(users().requester, 'delete', record.name);
    await slack().submit(users().requester, requesterView, { [CONFIRM_NAME_BLOCK]: record.name });
    await stack().idle();
    const deletes = stack().palette!.counters().byOperation.delete;

    const late = await slack().submit(users().admin, adminView, { [CONFIRM_NAME_BLOCK]: record.name });
    expect(late.outcome).toBe('updated');
    expect(JSON.stringify(slack().views(users().admin).at(-1)!.view)).toContain('is already being deleted');
    await stack().idle();
    expect(stack().palette!.counters().byOperation.delete).toBe(deletes);
    const current = (await stack().deps.store.get(record.id))!;
    expect(current.deletedBy).toBe(users().requester);
    expect(current.history.filter((entry) => entry.event === 'delete-started')).toHaveLength(1);
  });

  it('a duplicate delete job sends the idempotent delete again but tells the thread once', async () => {
    const record = await seedCluster(stack(), { name: 'del-dup', sticky: true });
    const viewId = await openConfirmation(users().requester, 'delete', record.name);
    await slack().submit(users().requester, viewId, { [CONFIRM_NAME_BLOCK]: record.name });
    await stack().idle();
    await Promise.all([
      runJob({ kind: 'delete', clusterId: record.id }, stack().deps),
      runJob({ kind: 'delete', clusterId: record.id }, stack().deps),
    ]);
    const started = threadTexts(stack(), record).filter((text) => text.includes('started deleting'));
    expect(started).toHaveLength(1);
  });
});

describe('/maas abort', () => {
  it('aborts a provisioning cluster with the same delete call, reported as an abort', async () => {
    const record = await seedCluster(stack(), { name: 'abort-me', state: 'PROVISIONING' });
    const viewId = await openConfirmation(users().requester, 'abort', record.name);
    expect(slack().views(users().requester).at(-1)!.view).toMatchObject({ title: { text: 'Abort cluster' } });
    const before = stack().palette!.counters().byOperation.delete ?? 0;
    await slack().submit(users().requester, viewId, { [CONFIRM_NAME_BLOCK]: record.name });
    const aborting = (await stack().deps.store.get(record.id))!;
    expect(aborting).toMatchObject({ state: 'DELETING', deleteKind: 'abort', deletedBy: users().requester });
    expect(aborting.history.find((entry) => entry.event === 'abort-started')).toMatchObject({
      from: 'PROVISIONING',
    });

    await stack().idle();
    expect(stack().palette!.counters().byOperation.delete).toBe(before + 1);
    expect(
      stack()
        .palette!.clusters()
        .find((cluster) => cluster.uid === record.paletteUid),
    ).toHaveProperty('abortTimestamp');
    expect(threadTexts(stack(), record)[0]).toContain(
      `<@${users().requester}> aborted *abort-me* while it was provisioning`,
    );
  });

  it('refuses to abort a running cluster and points to delete', async () => {
    const record = await seedCluster(stack(), { name: 'abort-running' });
    const answer = await maas(users().requester, `abort ${record.name}`);
    expect(answer!.text).toContain('"abort-running" is already running.');
    expect(answer!.text).toContain('`/maas delete abort-running`');
  });
});

describe('reconciler and lost deletes', () => {
  it('sends the delete again when Palette still reports the cluster running long after the delete started', async () => {
    const record = await seedCluster(stack(), { name: 'del-lost' });
    const longAgo = addSeconds(stack().deps.now().toISOString(), -600);
    // The record moved to DELETING, but the delete never reached Palette (the worker died before sending it).
    await stack().deps.store.apply(record, {
      event: 'delete-started',
      by: users().requester,
      at: longAgo,
      set: { deletingSince: longAgo, deleteKind: 'delete', deletedBy: users().requester },
    });
    const before = stack().palette!.counters().byOperation.delete ?? 0;
    const sweep = createReconciler({ deleteResendSeconds: 300 });
    await runJob({ kind: 'reconcile' }, stack().deps, { reconcile: sweep });
    await stack().idle();
    expect(stack().palette!.counters().byOperation.delete).toBe(before + 1);
    expect((await teamPalette(stack()).getCluster(record.paletteUid!))?.state).not.toBe('Running');
    expect(threadTexts(stack(), record).some((text) => text.includes('started deleting *del-lost*'))).toBe(
      true,
    );
  });
});
