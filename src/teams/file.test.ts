import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, readConfig } from '../config';
import { parseTeamsFile, readTeamsFile } from './file';

/** A good two-team file; each test breaks one thing of it. */
const GOOD = `defaultTeam: payments
teams:
  - name: payments
    channels: [C0PAY0001, C0PAY0002]
    paletteProjectUid: 6501e8f1aaaa
    approvalChannel: C0PAYAPPR
    approvers: [S0PAYLEADS]
    admins: [U0ALEX001]
    requiredApprovals: 2
    profiles: [maas-k8s-base, maas-k8s-gpu]
    quota:
      clusters: 5
      nodes: 40
      nodesPerPool: 10
  - name: data
    channels: [C0DATA0001]
    approvalChannel: C0DATAAPPR
    approvers: [U0DANA0001]
`;

/** The problems the file's text has, as the ConfigError lists them (one a line, "  - " stripped). */
function problemsOf(text: string): string[] {
  try {
    parseTeamsFile('teams.yml', text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message.split('\n')[0]).toBe('The teams file teams.yml has problems:');
    return message
      .split('\n')
      .slice(1)
      .map((line) => line.replace(/^ {2}- /, ''));
  }
  throw new Error('The file was accepted.');
}

describe('parseTeamsFile', () => {
  it('reads a good file: every team with what it sets, admins defaulting to none', () => {
    const file = parseTeamsFile('teams.yml', GOOD);
    expect(file.defaultTeam).toBe('payments');
    expect(file.teams).toEqual([
      {
        name: 'payments',
        channels: ['C0PAY0001', 'C0PAY0002'],
        paletteProjectUid: '6501e8f1aaaa',
        approvalChannel: 'C0PAYAPPR',
        approvers: ['S0PAYLEADS'],
        admins: ['U0ALEX001'],
        requiredApprovals: 2,
        profiles: ['maas-k8s-base', 'maas-k8s-gpu'],
        quota: { clusters: 5, nodes: 40, nodesPerPool: 10 },
      },
      {
        name: 'data',
        channels: ['C0DATA0001'],
        approvalChannel: 'C0DATAAPPR',
        approvers: ['U0DANA0001'],
        admins: [],
      },
    ]);
  });

  it('names a YAML syntax error with its line', () => {
    const problems = problemsOf(
      GOOD.replace('approvalChannel: C0DATAAPPR', 'approvalChannel: C0DATAAPPR: x'),
    );
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem).toMatch(/^teams\.yml:17: \S/);
  });

  it('names a key written twice with its line', () => {
    const twice = GOOD.replace(
      '    admins: [U0ALEX001]\n',
      '    admins: [U0ALEX001]\n    admins: [U0OTHER01]\n',
    );
    expect(problemsOf(twice)).toEqual(['teams.yml:9: Map keys must be unique']);
  });

  it('names an unknown key (a typo) at its own line', () => {
    expect(problemsOf(GOOD.replace('    approvers: [U0DANA0001]', '    approver: [U0DANA0001]'))).toEqual([
      'teams.yml:15: teams[1] (data).approvers: missing: a list of user or user-group ids, e.g. [S0123ABCD]',
      'teams.yml:18: teams[1] (data).approver: unknown key (a typo?)',
    ]);
  });

  it('names a missing key at the team that lacks it', () => {
    expect(problemsOf(GOOD.replace('    approvalChannel: C0DATAAPPR\n', ''))).toEqual([
      'teams.yml:15: teams[1] (data).approvalChannel: missing: a channel id such as C0123ABCD (in Slack: the channel’s details, at the bottom)',
    ]);
  });

  it('names a channel written as a #name, and a person written as a name', () => {
    const text = GOOD.replace('[C0PAY0001, C0PAY0002]', '[C0PAY0001, "#payments"]').replace(
      '[S0PAYLEADS]',
      '[priya]',
    );
    expect(problemsOf(text)).toEqual([
      'teams.yml:4: teams[0] (payments).channels[1]: a channel id looks like C0123ABCD (or G… for an old private channel), not a #name',
      'teams.yml:7: teams[0] (payments).approvers[0]: a Slack id looks like U0123ABCD (a person) or S0123ABCD (a user group)',
    ]);
  });

  it('names a team name used twice, a channel in two teams and a default team that is not listed', () => {
    const text = GOOD.replace('defaultTeam: payments', 'defaultTeam: billing')
      .replace('  - name: data', '  - name: payments')
      .replace('[C0DATA0001]', '[C0PAY0002]');
    expect(problemsOf(text)).toEqual([
      'teams.yml:15: teams[1] (payments).name: "payments" is already the name of teams[0]',
      'teams.yml:16: teams[1] (payments).channels[0]: C0PAY0002 already belongs to team "payments": a channel belongs to one team',
      'teams.yml:1: defaultTeam: no team is named "billing"',
    ]);
  });

  it('names a quota that cannot be: not a whole number, per pool over the total, an unknown limit', () => {
    const text = GOOD.replace('clusters: 5', 'clusters: 0').replace(
      'nodesPerPool: 10',
      'nodesPerPool: 10\n      gpus: 2',
    );
    expect(problemsOf(text)).toEqual([
      'teams.yml:12: teams[0] (payments).quota.clusters: clusters: a whole number from 1',
      'teams.yml:15: teams[0] (payments).quota.gpus: unknown key (a typo?)',
    ]);
    expect(problemsOf(GOOD.replace('nodes: 40', 'nodes: 8'))).toEqual([
      'teams.yml:14: teams[0] (payments).quota.nodesPerPool: nodesPerPool cannot be more than nodes',
    ]);
  });

  it('reads a lease block in durations, and names a bad one at its line', () => {
    const withLease = `${GOOD}    lease:\n      default: 10m\n      max: 1h\n      reminders: [5m, 2m]\n      noneAllowed: true\n`;
    expect(parseTeamsFile('teams.yml', withLease).teams[1]!.lease).toEqual({
      default: 600,
      max: 3_600,
      reminders: [300, 120],
      noneAllowed: true,
    });
    expect(
      problemsOf(
        withLease.replace('default: 10m', 'default: soon').replace('max: 1h', 'max: 1h\n      ttl: 1d'),
      ),
    ).toEqual([
      'teams.yml:20: teams[1] (data).lease.default: "soon" is not a duration such as 90s, 30m, 24h, 3d or 1w',
      'teams.yml:22: teams[1] (data).lease.ttl: unknown key (a typo?)',
    ]);
  });

  it('names a quorum out of range and a team name people cannot type', () => {
    const text = GOOD.replace('requiredApprovals: 2', 'requiredApprovals: 0').replace(
      'name: data',
      'name: Data Platform',
    );
    expect(problemsOf(text)).toEqual([
      'teams.yml:9: teams[0] (payments).requiredApprovals: a whole number from 1 to 10',
      'teams.yml:15: teams[1] (Data Platform).name: lowercase letters, digits and "-", e.g. payments or data-platform',
    ]);
  });

  it('lists every problem of a file at once, never keeping part of it', () => {
    const text = GOOD.replace('[S0PAYLEADS]', '[]').replace('channels: [C0DATA0001]', 'channels: C0DATA0001');
    expect(problemsOf(text)).toEqual([
      'teams.yml:7: teams[0] (payments).approvers: at least one approver',
      'teams.yml:16: teams[1] (data).channels: a list of channel ids, e.g. [C0123ABCD]',
    ]);
  });

  it('names a file without teams, and one that is not a mapping', () => {
    expect(problemsOf('teams: []\n')).toEqual(['teams.yml:1: teams: at least one team']);
    expect(problemsOf('- name: payments\n')).toEqual([
      'teams.yml:1: (the file): a mapping with `teams:` (a list of teams)',
    ]);
    expect(problemsOf('')).toEqual(['teams.yml:1: (the file): a mapping with `teams:` (a list of teams)']);
  });
});

describe('readTeamsFile and readConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'maas-chatops-teams-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const ENV = { SLACK_SIGNING_SECRET: 'secret', SLACK_BOT_TOKEN: 'xoxb-token', PALETTE_API_KEY: 'key' };

  it('says which file it cannot read, and what to do', async () => {
    const error = await readTeamsFile(join(dir, 'missing.yml')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).toContain(`TEAMS_FILE: cannot read ${join(dir, 'missing.yml')} (ENOENT)`);
  });

  it('reads the file TEAMS_FILE names, with the variables as defaults (APPROVAL_CHANNEL no longer needed)', async () => {
    const path = join(dir, 'teams.yml');
    writeFileSync(path, GOOD);
    const config = await readConfig({
      ...ENV,
      TEAMS_FILE: path,
      PALETTE_PROJECT_UID: 'tenant-default-project',
      REQUIRED_APPROVALS: '3',
      ADMINS: 'U0GLOBAL01',
    });
    expect(config.teams.fromFile).toBe(true);
    expect(config.teams.defaultTeam).toBe('payments');
    const [payments, data] = config.teams.list;
    expect(payments).toMatchObject({ paletteProjectUid: '6501e8f1aaaa', requiredApprovals: 2 });
    expect(payments!.admins).toEqual(['U0GLOBAL01', 'U0ALEX001']);
    expect(data).toMatchObject({
      paletteProjectUid: 'tenant-default-project',
      requiredApprovals: 3,
      admins: ['U0GLOBAL01'],
      quota: {},
    });
    expect(data!.profiles).toBeUndefined();
  });

  it('stops on a bad file, naming its problems (never a partial load)', async () => {
    const path = join(dir, 'bad.yml');
    writeFileSync(path, GOOD.replace('approvalChannel: C0PAYAPPR', 'approvalChannel: payments-approvals'));
    const error = await readConfig({ ...ENV, TEAMS_FILE: path }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).toContain(
      `${path}:6: teams[0] (payments).approvalChannel: a channel id looks like C0123ABCD`,
    );
  });

  it('refuses TEAMS_FILE given to the synchronous loader, which cannot read it', () => {
    expect(() => loadConfig({ ...ENV, TEAMS_FILE: 'teams.yml' })).toThrow(
      /read the configuration with readConfig/,
    );
  });
});
