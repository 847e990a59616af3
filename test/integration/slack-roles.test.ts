import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeWho, GROUP_CACHE_SECONDS, resolveActor } from '../../src/slack/roles';
import type { ClusterStore } from '../../src/store/port';
import { type SlackHarness, startSlackHarness, unusedPort } from '../support/slack';

let harness: SlackHarness;
let clock = Date.parse('2030-03-01T12:00:00Z');

beforeAll(async () => {
  harness = await startSlackHarness({
    store: unusedPort<ClusterStore>('store'),
    now: () => new Date(clock),
    // Approvers: the seeded group plus one person named directly; admins: the seeded group.
    env: { APPROVERS: 'S0APPROVERS,U0OUTSIDER', ADMINS: 'S0ADMINS' },
  });
});
afterAll(() => harness.close());
beforeEach(() => {
  clock += GROUP_CACHE_SECONDS * 1000 + 1;
});

/** The harness's one (implicit) team. */
const team = () => harness.deps.config.teams.list[0]!;

const groupLookups = () => harness.emulator.calls('usergroups.users.list').map((call) => call.args.usergroup);

describe('resolveActor', () => {
  it('gives roles through user groups and direct user ids', async () => {
    const { users } = harness.emulator;
    expect(await resolveActor(harness.deps, users.approver2, team())).toEqual({
      userId: users.approver2,
      isApprover: true,
      isAdmin: false,
    });
    expect(await resolveActor(harness.deps, users.admin, team())).toEqual({
      userId: users.admin,
      isApprover: false,
      isAdmin: true,
    });
    expect(await resolveActor(harness.deps, users.outsider, team())).toEqual({
      userId: users.outsider,
      isApprover: true,
      isAdmin: false,
    });
    expect(await resolveActor(harness.deps, users.requester, team())).toEqual({
      userId: users.requester,
      isApprover: false,
      isAdmin: false,
    });
  });

  it('asks Slack for each group once per few minutes, then again', async () => {
    const before = groupLookups().length;
    await resolveActor(harness.deps, harness.emulator.users.requester, team());
    expect(groupLookups().slice(before).sort()).toEqual(['S0ADMINS', 'S0APPROVERS']);
    await resolveActor(harness.deps, harness.emulator.users.approver, team());
    clock += (GROUP_CACHE_SECONDS - 1) * 1000;
    await resolveActor(harness.deps, harness.emulator.users.admin, team());
    expect(groupLookups().slice(before)).toHaveLength(2);
    clock += 2_000;
    await resolveActor(harness.deps, harness.emulator.users.admin, team());
    expect(groupLookups().slice(before)).toHaveLength(4);
  });

  it('shares one lookup of each group between requests made at the same time', async () => {
    const before = groupLookups().length;
    const { users } = harness.emulator;
    await Promise.all([
      resolveActor(harness.deps, users.requester, team()),
      resolveActor(harness.deps, users.admin, team()),
    ]);
    expect(groupLookups().slice(before).sort()).toEqual(['S0ADMINS', 'S0APPROVERS']);
  });

  it('sees a change of group membership once the cache expires (checked when the person acts)', async () => {
    const group = harness.emulator.workspace.groups.find((candidate) => candidate.id === 'S0ADMINS')!;
    const { approver } = harness.emulator.users;
    expect((await resolveActor(harness.deps, approver, team())).isAdmin).toBe(false);
    group.users.push(approver);
    try {
      expect((await resolveActor(harness.deps, approver, team())).isAdmin).toBe(false);
      clock += GROUP_CACHE_SECONDS * 1000;
      expect((await resolveActor(harness.deps, approver, team())).isAdmin).toBe(true);
    } finally {
      group.users.pop();
    }
  });

  it('fails closed when Slack will not list a group, and asks again next time', async () => {
    harness.emulator.failNext('usergroups.users.list', { error: 'missing_scope' });
    harness.emulator.failNext('usergroups.users.list', { error: 'missing_scope' });
    const actor = await resolveActor(harness.deps, harness.emulator.users.admin, team());
    expect(actor.isAdmin).toBe(false);
    expect((await resolveActor(harness.deps, harness.emulator.users.admin, team())).isAdmin).toBe(true);
  });
});

describe('describeWho', () => {
  it('names approvers and admins as mentions, and the requester when known', () => {
    expect(describeWho(team(), ['approver', 'admin'])).toBe(
      'approvers (<!subteam^S0APPROVERS>, <@U0OUTSIDER>) or admins (<!subteam^S0ADMINS>)',
    );
    expect(describeWho(team(), ['requester', 'admin'], 'U0REQUESTER')).toBe(
      'the requester, <@U0REQUESTER> or admins (<!subteam^S0ADMINS>)',
    );
    expect(describeWho({ ...team(), admins: [] }, ['admin'])).toBeUndefined();
  });

  it("names a teams file's team: approvers of payments, admins of payments", () => {
    const payments = { ...team(), name: 'payments', channels: ['C0PAY0001'] };
    expect(describeWho(payments, ['approver', 'admin'])).toBe(
      'approvers of payments (<!subteam^S0APPROVERS>, <@U0OUTSIDER>) or admins of payments (<!subteam^S0ADMINS>)',
    );
  });
});
