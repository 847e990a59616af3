import { describe, expect, it } from 'vitest';
import { SIM_LOCATIONS } from '../../src/local/palette/features/locations';
import { BACKUP_FIELDS, BACKUP_POLICY_CALLBACK } from '../../src/slack/blocks/backup-policy';
import { seedCluster, threadTexts } from '../support/day2';
import { teamPalette, useStack } from '../support/stack';

const stack = useStack();
const slack = () => stack().slack!;
const users = () => slack().users;
const operations = () => stack().palette!.counters().byOperation;

/** Opens `/maas backup NAME` as `user`: the modal's view id. */
async function openPolicy(user: string, name: string): Promise<string> {
  const result = await slack().command(user, '/maas', `backup ${name}`);
  expect(result.status).toBe(200);
  const modal = slack().views(user).at(-1)!;
  expect(modal.view).toMatchObject({ callback_id: BACKUP_POLICY_CALLBACK });
  return modal.id;
}

describe('/maas backup NAME: the backup policy form', () => {
  it('POSTs a first policy, PUTs the next, removes the schedule when it is emptied, and records before → after', async () => {
    const record = await seedCluster(stack(), { name: 'policy-form' });
    const palette = teamPalette(stack());
    const [posts, puts] = [operations().backupCreate ?? 0, operations().backupUpdate ?? 0];
    let viewId = await openPolicy(users().requester, record.name);
    const first = await slack().submit(users().requester, viewId, {
      [BACKUP_FIELDS.prefix]: 'nightly',
      [BACKUP_FIELDS.schedule]: '0 2 * * *',
      [BACKUP_FIELDS.expiry]: '72',
      [BACKUP_FIELDS.namespaces]: 'default, apps',
    });
    expect(first.outcome).not.toBe('errors');
    expect(operations().backupCreate).toBe(posts + 1);
    expect((await palette.clusterBackups(record.paletteUid!)).policy).toMatchObject({
      locationName: SIM_LOCATIONS[0]!.name,
      schedule: '0 2 * * *',
      expiryHours: 72,
      namespaces: ['default', 'apps'],
      includeClusterResources: true,
    });

    viewId = await openPolicy(users().admin, record.name);
    // The form opens with the policy Palette holds.
    expect(JSON.stringify(slack().views(users().admin).at(-1)!.view)).toContain('0 2 * * *');
    await slack().submit(users().admin, viewId, { [BACKUP_FIELDS.schedule]: '' });
    expect(operations().backupUpdate).toBe(puts + 1);
    expect(operations().backupCreate).toBe(posts + 1);
    const updated = (await palette.clusterBackups(record.paletteUid!)).policy;
    expect(updated?.schedule).toBeUndefined();
    expect(updated?.namespaces).toEqual(['default', 'apps']);

    const saved = (await stack().deps.store.get(record.id))!;
    const changes = saved.history.filter((entry) => entry.event === 'backup-policy-changed');
    expect(changes.map((entry) => entry.by)).toEqual([users().requester, users().admin]);
    expect(changes[0]!.detail).toMatch(/^none → `0 2 \* \* \*` to lab-minio/);
    expect(changes[1]!.detail).toMatch(/`0 2 \* \* \*` to lab-minio.* → no schedule to lab-minio/);
    expect(
      threadTexts(stack(), record).filter((text) => text.includes('changed the backup policy')),
    ).toHaveLength(2);
  });

  it('answers bad fields with errors keyed by block id and sends nothing', async () => {
    const record = await seedCluster(stack(), { name: 'policy-bad' });
    const before = operations().backupCreate ?? 0;
    const viewId = await openPolicy(users().requester, record.name);
    const answer = await slack().submit(users().requester, viewId, {
      [BACKUP_FIELDS.schedule]: '0 25 * * *',
      [BACKUP_FIELDS.expiry]: '0',
      [BACKUP_FIELDS.namespaces]: 'default, Bad_NS',
    });
    expect(answer.outcome).toBe('errors');
    expect(answer.errors![BACKUP_FIELDS.schedule]).toContain('not a hour');
    expect(answer.errors![BACKUP_FIELDS.expiry]).toContain('more than 0');
    expect(answer.errors![BACKUP_FIELDS.namespaces]).toContain('Bad_NS');
    expect(operations().backupCreate ?? 0).toBe(before);
  });

  it('refuses the form to someone who is neither requester nor admin', async () => {
    const record = await seedCluster(stack(), { name: 'policy-who' });
    const result = await slack().command(users().outsider, '/maas', `backup ${record.name}`);
    expect((result.body as { text: string }).text).toContain(
      'Only the requester or admins can back up "policy-who".',
    );
  });
});
