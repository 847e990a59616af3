import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterRecord } from '../../src/domain/cluster';
import { SUBCOMMANDS } from '../../src/domain/command';
import type { LifecycleState } from '../../src/domain/lifecycle';
import { addSeconds } from '../../src/domain/time';
import { DELETE_CONFIRM_CALLBACK_ID } from '../../src/slack/blocks/delete';
import { DynamoClusterStore } from '../../src/store/dynamo';
import type { ClusterChange } from '../../src/store/port';
import { newCluster, useDynalite } from '../support/dynalite';
import { type SlackHarness, startSlackHarness } from '../support/slack';

const dynalite = useDynalite();
let harness: SlackHarness;
let store: DynamoClusterStore;
const NOW = new Date('2030-03-01T12:00:00Z');

beforeAll(async () => {
  const table = await dynalite.freshTable();
  store = new DynamoClusterStore(table.client, table.tableName, () => NOW);
  harness = await startSlackHarness({ store, now: () => NOW, env: { FORCE_DELETE_AFTER: '900' } });
});
afterAll(() => harness.close());

/** The steps that bring a new request to each state, as the bot's own transitions would. */
const PATH: Record<string, { event: ClusterChange['event']; set?: ClusterChange['set'] }[]> = {
  PENDING_APPROVAL: [],
  PROVISIONING: [
    { event: 'approved' },
    { event: 'created', set: { paletteUid: 'p-1', provisioningSince: NOW.toISOString() } },
  ],
  RUNNING: [
    { event: 'approved' },
    { event: 'created', set: { paletteUid: 'p-1' } },
    { event: 'running', set: { runningSince: NOW.toISOString() } },
  ],
  DELETING: [
    { event: 'approved' },
    { event: 'created', set: { paletteUid: 'p-1' } },
    { event: 'running' },
    {
      event: 'delete-started',
      set: { deletingSince: addSeconds(NOW.toISOString(), -5 * 60), deleteKind: 'delete' },
    },
  ],
};

let clusters = 0;
/** Stores a cluster named `name` requested by the seeded requester, in `state`. */
async function clusterIn(state: LifecycleState, name = `team-${++clusters}`): Promise<ClusterRecord> {
  let record = await store.create(newCluster({ name, requester: harness.emulator.users.requester }));
  for (const step of PATH[state]!)
    record = await store.apply(record, {
      event: step.event,
      by: 'test',
      at: NOW.toISOString(),
      ...(step.set ? { set: step.set } : {}),
    });
  expect(record.state).toBe(state);
  return record;
}

/** What the person sees after typing `/maas text` (the ack body; it is also shown as their ephemeral). */
async function maas(user: string, text: string) {
  const result = await harness.emulator.command(user, '/maas', text);
  expect(result.status).toBe(200);
  const body = result.body as { response_type?: string; text: string; blocks?: unknown[] } | undefined;
  if (body) expect(body.response_type).toBe('ephemeral');
  return body;
}

const texts = (body: { blocks?: unknown[] } | undefined) => JSON.stringify(body?.blocks ?? []);

describe('/maas help and unknown input', () => {
  it('lists every subcommand on its own line with an example', async () => {
    const body = await maas(harness.emulator.users.outsider, 'help');
    for (const sub of SUBCOMMANDS) {
      expect(texts(body)).toContain(`/maas ${sub.usage}`);
      expect(texts(body)).toContain(sub.example);
    }
    expect(harness.emulator.ephemerals(harness.emulator.users.outsider).at(-1)?.text).toBe(body!.text);
  });

  it('reads the force-delete wait from the configuration (FORCE_DELETE_AFTER=900 here)', async () => {
    const body = await maas(harness.emulator.users.outsider, 'help');
    expect(texts(body)).toContain('force delete a cluster stuck deleting for 15 minutes');
    const short = await startSlackHarness({ store, now: () => NOW, env: { FORCE_DELETE_AFTER: '120' } });
    try {
      const result = await short.emulator.command(short.emulator.users.outsider, '/maas', 'help');
      expect(JSON.stringify(result.body)).toContain('force delete a cluster stuck deleting for 2 minutes');
    } finally {
      await short.close();
    }
  });

  it('shows the help for an empty /maas', async () => {
    expect(texts(await maas(harness.emulator.users.outsider, ''))).toContain('/maas create-cluster [NAME]');
  });

  it('answers an unknown subcommand with the closest one and one line pointing to the help', async () => {
    const body = await maas(harness.emulator.users.requester, 'delte team-a');
    expect(body!.text).toBe("I don't know `delte`. Did you mean `/maas delete team-a`?");
    expect(body!.blocks).toHaveLength(2);
    expect(texts(body)).toContain('`/maas help` lists every command');
    expect(texts(body)).not.toContain('/maas force-delete NAME');
  });

  it('escapes what the person typed, so <!channel> cannot ping anyone', async () => {
    const body = await maas(harness.emulator.users.requester, 'stauts <!channel>');
    expect(body!.text).toContain('`/maas status &lt;!channel&gt;`');
    expect(JSON.stringify(body)).not.toContain('<!channel>');
  });
});

describe('/maas create-cluster', () => {
  it('opens the "Create cluster" modal with the command’s own trigger id, and says nothing else', async () => {
    const result = await harness.emulator.command(
      harness.emulator.users.requester,
      '/maas',
      'create-cluster <!here>',
    );
    expect([result.status, result.body]).toEqual([200, undefined]);
    const opened = harness.emulator.calls('views.open').at(-1)!;
    expect(opened).toMatchObject({ ok: true, args: { trigger_id: result.triggerId } });
    const [modal] = harness.emulator.views(harness.emulator.users.requester);
    expect(modal!.view).toMatchObject({
      type: 'modal',
      callback_id: 'create-cluster',
      title: { text: 'Create cluster' },
    });
    expect(JSON.stringify(modal!.view)).toContain('&lt;!here&gt;');
  });

  it('tells the person to try again when Slack will not open the modal', async () => {
    harness.emulator.failNext('views.open', { error: 'expired_trigger_id' });
    const body = await maas(harness.emulator.users.requester, 'create-cluster');
    expect(body!.text).toContain('run `/maas create-cluster` again');
  });
});

describe('cluster commands answer from the lifecycle table', () => {
  it('says so when there is no cluster by that name (escaped)', async () => {
    const body = await maas(harness.emulator.users.requester, 'status <!here>');
    expect(body!.text).toBe('There is no cluster named `&lt;!here&gt;`; see `/maas list`.');
  });

  it('delete while provisioning: points to /maas abort', async () => {
    const { name } = await clusterIn('PROVISIONING');
    const body = await maas(harness.emulator.users.requester, `delete ${name}`);
    expect(body!.text).toContain(`"${name}" is still provisioning.`);
    expect(body!.text).toContain(`Use \`/maas abort ${name}\``);
  });

  it('abort when running: points to /maas delete', async () => {
    const { name } = await clusterIn('RUNNING');
    const body = await maas(harness.emulator.users.requester, `abort ${name}`);
    expect(body!.text).toContain(`"${name}" is already running.`);
    expect(body!.text).toContain(`\`/maas delete ${name}\``);
  });

  it('scale while waiting for approval: not created yet', async () => {
    const { name } = await clusterIn('PENDING_APPROVAL');
    const body = await maas(harness.emulator.users.requester, `scale ${name} worker-pool 3`);
    expect(body!.text).toContain('still waiting for approval');
  });

  it('force-delete by the requester: only admins, named as their user group', async () => {
    const { name } = await clusterIn('DELETING');
    const body = await maas(harness.emulator.users.requester, `force-delete ${name}`);
    expect(body!.text).toContain(`Only admins can force-delete "${name}".`);
    expect(body!.text).toContain(`Who can: admins (<!subteam^${harness.emulator.groups.admins}>).`);
  });

  it('delete by someone else: names the requester and the admins', async () => {
    const { name } = await clusterIn('RUNNING');
    const body = await maas(harness.emulator.users.approver, `delete ${name}`);
    expect(body!.text).toContain(`Only the requester or admins can delete "${name}".`);
    expect(body!.text).toContain(
      `Who can: the requester, <@${harness.emulator.users.requester}> or admins (<!subteam^${harness.emulator.groups.admins}>).`,
    );
  });

  it('force-delete by an admin (through the admins group) too early: says when it opens', async () => {
    const { name } = await clusterIn('DELETING');
    const body = await maas(harness.emulator.users.admin, `force-delete ${name}`);
    expect(body!.text).toContain('Force delete available in 10 min, at 12:10 UTC.');
  });

  it('an allowed delete answers nothing in the channel and opens the confirmation modal', async () => {
    const { name } = await clusterIn('RUNNING');
    const opened = harness.emulator.calls('views.open').length;
    const body = await maas(harness.emulator.users.admin, `delete ${name}`);
    expect(body).toBeUndefined();
    const [call] = harness.emulator.calls('views.open').slice(opened);
    expect(call?.args).toMatchObject({ view: { callback_id: DELETE_CONFIRM_CALLBACK_ID } });
  });

  it('gateway pairing-code: admins only, and a refusal names who can', async () => {
    const refused = await maas(harness.emulator.users.requester, 'gateway pairing-code');
    expect(refused!.text).toContain('Only admins can get a gateway pairing code.');
    expect(refused!.text).toContain(`<!subteam^${harness.emulator.groups.admins}>`);
  });
});

describe('events', () => {
  it('dispatches a home job when App Home opens, and never for a retry of the event', async () => {
    const jobs = harness.deps.jobs as unknown as { dispatched: unknown[] };
    const before = jobs.dispatched.length;
    await harness.emulator.openHome(harness.emulator.users.approver);
    expect(jobs.dispatched.slice(before)).toEqual([
      { kind: 'home', userId: harness.emulator.users.approver },
    ]);
    const retry = await harness.emulator.event(
      { type: 'app_home_opened', user: harness.emulator.users.approver, tab: 'home' },
      { retryNum: 1, retryReason: 'http_timeout' },
    );
    expect(retry.status).toBe(200);
    expect(jobs.dispatched.slice(before)).toHaveLength(1);
  });
});
