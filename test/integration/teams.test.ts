import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_CHANNELS, SEED_USERS } from '../../src/local/slack/seed';
import { APPROVE_ACTION } from '../../src/slack/blocks/approval-card';
import { useStack } from '../support/stack';
import {
  buttons,
  messageAt,
  type Submitted,
  shown,
  standIns,
  submitRequest,
  threadShown,
} from './approvals.support';
import { freshName, simCatalog, WizardDriver } from './wizard.support';

/** Three teams over the seeded workspace: two with their own channels and projects, one for the race. */
const TEAMS = `teams:
  - name: platform
    channels: [${SEED_CHANNELS.requests}]
    paletteProjectUid: proj-platform
    approvalChannel: ${SEED_CHANNELS.approvals}
    approvers: [S0APPROVERS]
    profiles: [maas-ubuntu-k8s-calico, maas-ubuntu-k8s-cilium]
    quota: { clusters: 6, nodes: 30, nodesPerPool: 10 }
  - name: data
    channels: [${SEED_CHANNELS.dataRequests}]
    paletteProjectUid: proj-data
    approvalChannel: ${SEED_CHANNELS.dataApprovals}
    approvers: [S0DATALEADS]
    profiles: [maas-gpu-ai, maas-ubuntu-k8s-cilium]
    quota: { clusters: 4, nodes: 8 }
  - name: race
    channels: [C0RACE0001]
    paletteProjectUid: proj-race
    approvalChannel: ${SEED_CHANNELS.approvals}
    approvers: [S0APPROVERS]
    quota: { clusters: 3 }
`;
const dir = mkdtempSync(join(tmpdir(), 'maas-chatops-teams-'));
const teamsFile = join(dir, 'teams.yml');
writeFileSync(teamsFile, TEAMS);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const getStack = useStack({ env: { TEAMS_FILE: teamsFile, ADMINS: SEED_USERS.admin.id } });
const { requester, approver, admin, dataRequester, dataApprover } = {
  requester: SEED_USERS.requester.id,
  approver: SEED_USERS.approver.id,
  admin: SEED_USERS.admin.id,
  dataRequester: SEED_USERS.dataRequester.id,
  dataApprover: SEED_USERS.dataApprover.id,
};

/** What `/maas TEXT` typed in `channel` shows the person (the ephemeral answer), as text. */
async function maas(user: string, text: string, channel: string): Promise<string> {
  const result = await standIns(getStack()).slack.command(user, '/maas', text, { channel });
  expect(result.status).toBe(200);
  return shown(result.body as { text: string; blocks?: never[] });
}

/** Requests the simulator saw per ProjectUid since `before`. */
function projectsSince(before: Record<string, number>): Record<string, number> {
  const now = standIns(getStack()).palette.counters().byProject;
  return Object.fromEntries(
    Object.entries(now)
      .map(([project, count]) => [project, count - (before[project] ?? 0)] as const)
      .filter(([, count]) => count > 0),
  );
}

describe('commands are routed by channel to their team', () => {
  it("sends each team's Palette calls with its own ProjectUid", async () => {
    const { palette } = standIns(getStack());
    let before = palette.counters().byProject;
    expect(await maas(requester, 'gateway', SEED_CHANNELS.requests)).toContain('Private Cloud Gateways');
    expect(Object.keys(projectsSince(before))).toEqual(['proj-platform']);
    before = palette.counters().byProject;
    expect(await maas(dataRequester, 'gateway', SEED_CHANNELS.dataRequests)).toContain(
      'Private Cloud Gateways',
    );
    expect(Object.keys(projectsSince(before))).toEqual(['proj-data']);
  });

  it('says in /maas help which team the channel belongs to', async () => {
    expect(await maas(dataRequester, 'help', SEED_CHANNELS.dataRequests)).toContain(
      `This channel belongs to team *data*: Palette project \`proj-data\`, approvals in <#${SEED_CHANNELS.dataApprovals}>.`,
    );
    expect(await maas(requester, 'help', SEED_CHANNELS.random)).toContain(
      `<#${SEED_CHANNELS.random}> belongs to no team`,
    );
  });

  it('answers a team command from a channel of no team with where to go and whom to ask, opening nothing', async () => {
    const { slack } = standIns(getStack());
    const viewsBefore = slack.views(requester).length;
    for (const command of ['create-cluster', 'list', 'quota', 'gateway']) {
      const answer = await maas(requester, command, SEED_CHANNELS.random);
      expect(answer).toContain(`:no_entry_sign: <#${SEED_CHANNELS.random}> belongs to no team`);
      expect(answer).toContain(
        `*platform* (<#${SEED_CHANNELS.requests}>) · *data* (<#${SEED_CHANNELS.dataRequests}>)`,
      );
      expect(answer).toContain(`ask an admin (<@${admin}>) to add it to a team in the teams file`);
    }
    expect(slack.views(requester)).toHaveLength(viewsBefore);
  });
});

describe("a team's request: its approval channel, approvers, project and quota", () => {
  let name = '';

  beforeAll(async () => {
    name = freshName('data');
  });

  it("is approved in the team's channel by the team's approvers only, and created in the team's project", async () => {
    const stack = getStack();
    const { slack, palette } = standIns(stack);
    const submitted = await submitRequest(stack, {
      name,
      team: 'data',
      requester: dataRequester,
      channel: SEED_CHANNELS.dataRequests,
    });
    expect(submitted.record).toMatchObject({ team: 'data', paletteProjectUid: 'proj-data' });
    expect(submitted.card.channel).toBe(SEED_CHANNELS.dataApprovals);
    const card = shown(messageAt(stack, submitted.card));
    expect(card).toContain(
      'Team quota (data): 0/8 nodes → 3/8 after this · 0/4 clusters → 1/4. Pending requests do not count until approved.',
    );
    expect(card).toContain('Who can decide: approvers of data (<!subteam^S0DATALEADS>) or admins of data');
    expect(card).toContain('Team *data*');

    // An approver of platform is nobody in data.
    const createsBefore = palette.counters().byOperation.create ?? 0;
    await slack.click(approver, submitted.card, APPROVE_ACTION);
    expect(shown(slack.ephemerals(approver).at(-1))).toContain('Only approvers or admins can approve');
    expect(shown(slack.ephemerals(approver).at(-1))).toContain('approvers of data (<!subteam^S0DATALEADS>)');
    await stack.idle();
    expect((await stack.deps.store.get(submitted.record.id))!.state).toBe('PENDING_APPROVAL');

    await slack.click(dataApprover, submitted.card, APPROVE_ACTION);
    await slack.waitFor(() => threadShown(stack, submitted.thread).find((text) => text.startsWith(':tada:')));
    await stack.idle();
    expect((palette.counters().byOperation.create ?? 0) - createsBefore).toBe(1);
    const cluster = palette.clusters().find((candidate) => candidate.name === name)!;
    expect(cluster.projectUid).toBe('proj-data');
    expect((await stack.deps.store.get(submitted.record.id))!.state).toBe('RUNNING');
  }, 30_000);

  it("lists the team's clusters in its channel only; admins list every team with `all`", async () => {
    const list = await maas(dataRequester, 'list', SEED_CHANNELS.dataRequests);
    expect(list).toContain('MAAS clusters of data');
    expect(list).toContain(`*${name}* — `);
    expect(await maas(requester, 'list', SEED_CHANNELS.requests)).not.toContain(name);
    const all = await maas(admin, 'list all', SEED_CHANNELS.requests);
    expect(all).toContain('MAAS clusters of every team');
    expect(all).toContain(`*${name}* (data) — `);
    expect(await maas(requester, 'list all', SEED_CHANNELS.requests)).toContain(
      'Only admins can list the clusters of every team.',
    );
    // Wherever it is asked, the cluster's status comes from its own project.
    expect(await maas(requester, `status ${name}`, SEED_CHANNELS.random)).toContain('Running');
  });

  it('refuses an approval over the quota with the numbers, and shows them on the card', async () => {
    const stack = getStack();
    const { slack } = standIns(stack);
    const second = await submitRequest(stack, {
      name: freshName('data'),
      team: 'data',
      requester: dataRequester,
      channel: SEED_CHANNELS.dataRequests,
    });
    const third = await submitRequest(stack, {
      name: freshName('data'),
      team: 'data',
      requester: dataRequester,
      channel: SEED_CHANNELS.dataRequests,
    });
    await slack.click(dataApprover, second.card, APPROVE_ACTION);
    await stack.idle();
    expect((await stack.deps.store.get(second.record.id))!.state).not.toBe('PENDING_APPROVAL');

    await slack.click(dataApprover, third.card, APPROVE_ACTION);
    await stack.idle();
    const refusal = shown(slack.ephemerals(dataApprover).at(-1));
    expect(refusal).toContain(':no_entry: data would use 9 of 8 nodes (approved 6, this request 3).');
    expect(refusal).toContain('The request keeps waiting');
    expect(refusal).toContain(`Who can raise the quota: admins of data (<@${admin}>)`);
    expect((await stack.deps.store.get(third.record.id))!.state).toBe('PENDING_APPROVAL');
    expect(shown(messageAt(stack, third.card))).toContain(
      ':no_entry: Over quota: data would use 9 of 8 nodes (approved 6, this request 3).',
    );
    expect(await maas(dataRequester, 'quota', SEED_CHANNELS.dataRequests)).toContain(
      '*Nodes*: 9 of 8 (6 approved, 3 pending)',
    );
  }, 30_000);

  it('refuses a scale-up over the quota, at the command and in the job', async () => {
    const stack = getStack();
    expect(await maas(dataRequester, `scale ${name} worker-pool 5`, SEED_CHANNELS.dataRequests)).toContain(
      ':no_entry: data would use 9 of 8 nodes (approved 6, this resize +3).',
    );
    // The job admits in the ledger on its own: a scale sent past the command is refused there too.
    const record = (await stack.deps.store.findByName(name))!;
    const updatesBefore = standIns(stack).palette.counters().byOperation.machinePoolUpdate ?? 0;
    await stack.deps.jobs.dispatch({
      kind: 'scale',
      clusterId: record.id,
      pool: 'worker-pool',
      size: 5,
      by: dataRequester,
    });
    await stack.idle();
    expect(
      threadShown(stack, { channel: record.slack.channel, ts: record.slack.threadTs! }).at(-1),
    ).toContain('data would use 9 of 8 nodes (approved 6, this resize +3).');
    expect(standIns(stack).palette.counters().byOperation.machinePoolUpdate ?? 0).toBe(updatesBefore);
    // Shrinking always fits, and gives the nodes back to the quota.
    expect(await maas(dataRequester, `scale ${name} worker-pool 1`, SEED_CHANNELS.dataRequests)).toContain(
      'from 2 to 1 nodes',
    );
    await stack.idle();
    const entry = (await stack.deps.store.teamLedger('data')).entries.find(
      (found) => found.clusterId === record.id,
    );
    expect(entry).toMatchObject({ nodes: 2, approved: true });
  }, 30_000);

  it('refuses at review what the quota cannot hold, counting pending requests, and stores nothing', async () => {
    const stack = getStack();
    const catalog = await simCatalog(stack);
    const profile = (await stack.deps.palettes.forProject('proj-data').listMaasProfiles()).find(
      (candidate) => candidate.name === 'maas-ubuntu-k8s-cilium',
    )!;
    const driver = new WizardDriver(
      stack,
      { ...catalog, profile },
      dataRequester,
      SEED_CHANNELS.dataRequests,
    );
    await driver.toReview();
    const review = JSON.stringify(driver.front().view);
    expect(review).toContain(
      ':no_entry: data would use 10 of 8 nodes (approved 5, pending 3, this request 2).',
    );
    const before = (await stack.deps.store.teamLedger('data')).entries.length;
    expect((await driver.submit()).outcome).toBe('updated');
    expect(driver.meta().step).toBe('review');
    expect((await stack.deps.store.teamLedger('data')).entries).toHaveLength(before);
  }, 30_000);
});

describe("a team's profiles", () => {
  it('offers only the profiles the team may use, and refuses another one forced into a submission', async () => {
    const stack = getStack();
    const catalog = await simCatalog(stack);
    const driver = new WizardDriver(stack, catalog, requester, SEED_CHANNELS.requests);
    await driver.open();
    const offered = (await driver.suggest('profile')).options.map((option) => option.text.text);
    expect(offered.map((text) => text.split(' ')[0]).sort()).toEqual([
      'maas-ubuntu-k8s-calico',
      'maas-ubuntu-k8s-cilium',
    ]);
    const gpu = (await stack.deps.palettes.forProject('proj-platform').listMaasProfiles()).find(
      (profile) => profile.name === 'maas-gpu-ai',
    )!;
    const forced = await driver.cluster({ profile: { value: gpu.uid, text: gpu.name } }, { lenient: true });
    expect(forced.outcome).toBe('errors');
    expect(forced.errors?.[driver.blockOf('profile')]).toBe(
      'platform may use only these cluster profiles: maas-ubuntu-k8s-calico, maas-ubuntu-k8s-cilium. Choose one from the list.',
    );
  });
});

describe('approvals racing for the last room', () => {
  it('of 10 concurrent approvals for a team with room for 3 clusters, exactly 3 create', async () => {
    const stack = getStack();
    const { slack, palette } = standIns(stack);
    const submitted: Submitted[] = [];
    for (let index = 1; index <= 10; index++)
      submitted.push(await submitRequest(stack, { name: `race-${index}`, team: 'race' }));
    const createsBefore = palette.counters().byOperation.create ?? 0;
    const refusals = () =>
      slack
        .ephemerals(approver)
        .map(shown)
        .filter((text) => text.includes('race would have 4 of 3 clusters (approved 3, this request 1).'));
    const decided = () =>
      submitted.filter(({ card }) => !buttons(messageAt(stack, card)).includes(APPROVE_ACTION));
    const replies = await Promise.all(
      submitted.map(({ card }) => slack.click(approver, card, APPROVE_ACTION)),
    );
    expect(replies.every((reply) => reply.status === 200 && reply.error === undefined)).toBe(true);
    await slack.waitFor(() => refusals().length === 7 && decided().length === 3);
    await stack.idle();

    expect((palette.counters().byOperation.create ?? 0) - createsBefore).toBe(3);
    const states = await Promise.all(
      submitted.map(async ({ record }) => (await stack.deps.store.get(record.id))!.state),
    );
    expect(states.filter((state) => state === 'PENDING_APPROVAL')).toHaveLength(7);
    expect(refusals()).toHaveLength(7);
    expect(palette.clusters().filter((cluster) => cluster.projectUid === 'proj-race')).toHaveLength(3);
    const approved = (await stack.deps.store.teamLedger('race')).entries.filter((entry) => entry.approved);
    expect(approved).toHaveLength(3);
  }, 60_000);
});
