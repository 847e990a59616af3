import { describe, expect, it } from 'vitest';
import { DEFAULT_LEASE_SETTINGS as lease } from './lease';
import {
  hasQuota,
  IMPLICIT_TEAM,
  implicitTeams,
  profileAllowed,
  projectOfRecord,
  resolveTeams,
  type TeamsFile,
  teamOfChannel,
  teamOfRecord,
} from './team';

const FILE: TeamsFile = {
  defaultTeam: 'data',
  teams: [
    {
      name: 'payments',
      channels: ['C0PAY0001', 'C0PAY0002'],
      paletteProjectUid: 'proj-payments',
      approvalChannel: 'C0PAYAPPR',
      approvers: ['S0PAYLEADS'],
      admins: ['U0ALEX001'],
      profiles: ['maas-k8s-base'],
      quota: { nodes: 40 },
    },
    {
      name: 'data',
      channels: ['C0DATA0001'],
      approvalChannel: 'C0DATAAPPR',
      approvers: ['U0DANA0001'],
      admins: [],
    },
  ],
};
const teams = resolveTeams(FILE, {
  requiredApprovals: 2,
  admins: ['U0GLOBAL01'],
  paletteProjectUid: 'proj-default',
  lease,
});

describe('teams from a file', () => {
  it('routes a channel to its team, and no other channel to any', () => {
    expect(teamOfChannel(teams, 'C0PAY0002')?.name).toBe('payments');
    expect(teamOfChannel(teams, 'C0DATA0001')?.name).toBe('data');
    expect(teamOfChannel(teams, 'C0RANDOM')).toBeUndefined();
    expect(teamOfChannel(teams, 'D0DIRECT')).toBeUndefined();
  });

  it('keeps global admins admins of every team, and defaults project and quorum from the variables', () => {
    const [payments, data] = teams.list;
    expect(payments).toMatchObject({ admins: ['U0GLOBAL01', 'U0ALEX001'], requiredApprovals: 2 });
    expect(data).toMatchObject({ admins: ['U0GLOBAL01'], paletteProjectUid: 'proj-default', quota: {} });
  });

  it('gives a record its own team; one made before teams (or whose team left the file) the default team', () => {
    expect(teamOfRecord(teams, { team: 'payments' }).name).toBe('payments');
    expect(teamOfRecord(teams, {}).name).toBe('data');
    expect(teamOfRecord(teams, { team: 'billing' }).name).toBe('data');
  });

  it("keeps a record's cluster in the project it was requested in, else its team's", () => {
    expect(projectOfRecord(teams, { team: 'payments', paletteProjectUid: 'proj-old' })).toBe('proj-old');
    expect(projectOfRecord(teams, { team: 'payments' })).toBe('proj-payments');
    expect(projectOfRecord(teams, {})).toBe('proj-default');
  });

  it('allows only the listed profiles, all without a list; says whether a team has any limit', () => {
    const [payments, data] = teams.list;
    expect(profileAllowed(payments!, 'maas-k8s-base')).toBe(true);
    expect(profileAllowed(payments!, 'maas-k8s-gpu')).toBe(false);
    expect(profileAllowed(data!, 'maas-k8s-gpu')).toBe(true);
    expect([hasQuota(payments!), hasQuota(data!)]).toEqual([true, false]);
  });

  it('defaults the default team to the first one', () => {
    const { defaultTeam: _none, ...rest } = FILE;
    expect(resolveTeams(rest, { requiredApprovals: 1, admins: [], lease }).defaultTeam).toBe('payments');
  });
});

describe('the implicit team (no teams file)', () => {
  const implicit = implicitTeams({
    approvalChannel: 'C0APPROVALS',
    approvers: ['S0APPROVERS'],
    admins: ['U0ADMIN'],
    requiredApprovals: 2,
    paletteProjectUid: 'proj-1',
    lease,
  });

  it('serves every channel, DMs included, with the variables’ approvers, admins, quorum and project, no quota', () => {
    for (const channel of ['C0REQUESTS', 'C0RANDOM', 'D0DIRECT'])
      expect(teamOfChannel(implicit, channel)?.name).toBe(IMPLICIT_TEAM);
    expect(implicit.list).toEqual([
      {
        name: IMPLICIT_TEAM,
        channels: [],
        paletteProjectUid: 'proj-1',
        approvalChannel: 'C0APPROVALS',
        approvers: ['S0APPROVERS'],
        admins: ['U0ADMIN'],
        requiredApprovals: 2,
        quota: {},
        lease,
      },
    ]);
    expect(teamOfRecord(implicit, {}).name).toBe(IMPLICIT_TEAM);
  });
});
