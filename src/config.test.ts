import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, secretValues } from './config';

const BASE = {
  SLACK_SIGNING_SECRET: 'signing-secret-123',
  SLACK_BOT_TOKEN: 'xoxb-token-456',
  PALETTE_API_KEY: 'palette-key-789',
  APPROVAL_CHANNEL: 'C0APPROVALS',
};

describe('loadConfig', () => {
  it("applies DESIGN §3's defaults", () => {
    const config = loadConfig(BASE);
    expect(config).toMatchObject({
      port: 3000,
      slack: { apiUrl: 'https://slack.com/api/' },
      palette: { apiUrl: 'https://api.spectrocloud.com', consoleUrl: 'https://console.spectrocloud.com' },
      admins: [],
      policy: { approvalTtlSeconds: 86_400, forceDeleteAfterSeconds: 900 },
      tableName: 'maas-chatops',
      recordRetentionDays: 365,
      metricsNamespace: 'maas-chatops/local',
    });
    expect(config.teams).toEqual({
      fromFile: false,
      defaultTeam: 'default',
      list: [
        {
          name: 'default',
          channels: [],
          approvalChannel: 'C0APPROVALS',
          approvers: [],
          admins: [],
          requiredApprovals: 1,
          quota: {},
          lease: {
            defaultSeconds: 604_800,
            maxSeconds: 2_592_000,
            reminderSeconds: [86_400, 7_200],
            noneAllowed: false,
          },
        },
      ],
    });
    expect(config.maas).toBeUndefined();
    expect(config.aws).toBeUndefined();
  });

  it('reads id lists, numbers, optional MAAS and a Slack API URL without a trailing slash', () => {
    const config = loadConfig({
      ...BASE,
      APPROVERS: 'U0AAA, S0GROUP',
      ADMINS: 'U0ADMIN',
      REQUIRED_APPROVALS: '2',
      FORCE_DELETE_AFTER: '60',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      MAAS_API_URL: 'http://maas:5240/MAAS',
      MAAS_API_KEY: 'a:b:c',
    });
    expect(config.admins).toEqual(['U0ADMIN']);
    expect(config.teams.list).toEqual([
      expect.objectContaining({ approvers: ['U0AAA', 'S0GROUP'], admins: ['U0ADMIN'], requiredApprovals: 2 }),
    ]);
    expect(config.policy).toMatchObject({ forceDeleteAfterSeconds: 60 });
    expect(
      loadConfig({ ...BASE, RECORD_RETENTION_DAYS: '30', POWERTOOLS_METRICS_NAMESPACE: 'maas-chatops/prod' }),
    ).toMatchObject({ recordRetentionDays: 30, metricsNamespace: 'maas-chatops/prod' });
    expect(() => loadConfig({ ...BASE, RECORD_RETENTION_DAYS: '0' })).toThrow(/RECORD_RETENTION_DAYS/);
    expect(config.slack.apiUrl).toBe('http://127.0.0.1:9999/api/');
    expect(config.maas).toEqual({ apiUrl: 'http://maas:5240/MAAS', apiKey: 'a:b:c' });
  });

  it("takes the bot's ids when given, leaves them unset (to be learned) when not, and refuses malformed ones", () => {
    expect(loadConfig({ ...BASE, SLACK_BOT_ID: 'B0BOT', SLACK_BOT_USER_ID: 'U0BOT' }).slack).toMatchObject({
      botId: 'B0BOT',
      botUserId: 'U0BOT',
    });
    const unset = loadConfig({ ...BASE, SLACK_BOT_ID: ' ' }).slack;
    expect(unset).not.toHaveProperty('botId');
    expect(unset).not.toHaveProperty('botUserId');
    expect(() => loadConfig({ ...BASE, SLACK_BOT_USER_ID: 'B0BOT' })).toThrow(
      /SLACK_BOT_USER_ID looks like U0123ABCD/,
    );
  });

  it('treats an empty variable as unset (deploy templates leave optional ones empty)', () => {
    expect(loadConfig({ ...BASE, MAAS_API_URL: '', PALETTE_PROJECT_UID: ' ' }).maas).toBeUndefined();
    expect(() => loadConfig({ ...BASE, SLACK_BOT_TOKEN: '' })).toThrow(/SLACK_BOT_TOKEN is required/);
  });

  it('reads the LEASE_* variables as durations, and names a bad one or a default beyond the maximum', () => {
    const config = loadConfig({
      ...BASE,
      LEASE_DEFAULT: '10m',
      LEASE_MAX: '1h',
      LEASE_REMINDERS: '2m,5m',
      LEASE_NONE_ALLOWED: 'true',
    });
    expect(config.teams.list[0]!.lease).toEqual({
      defaultSeconds: 600,
      maxSeconds: 3_600,
      reminderSeconds: [300, 120],
      noneAllowed: true,
    });
    expect(() => loadConfig({ ...BASE, LEASE_MAX: 'a month' })).toThrow(
      'LEASE_MAX: "a month" is not a duration such as 90s, 30m, 24h, 3d or 1w',
    );
    expect(() => loadConfig({ ...BASE, LEASE_DEFAULT: '2w', LEASE_MAX: '1w' })).toThrow(
      'LEASE_DEFAULT cannot be longer than LEASE_MAX.',
    );
  });

  it('names every problem for people, and never echoes a value', () => {
    let error: unknown;
    try {
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-secret-value', PALETTE_API_KEY: 'k', APPROVERS: 'alice' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = String(error);
    expect(message).toContain('SLACK_SIGNING_SECRET is required');
    expect(message).toContain('APPROVAL_CHANNEL is required: the channel id for approval cards.');
    expect(message).toContain('Slack ids look like U0123ABCD');
    expect(message).not.toContain('xoxb-secret-value');
    expect(message).not.toContain('alice');
  });

  it('lists the secrets so logs can be scrubbed of them', () => {
    const config = loadConfig({ ...BASE, MAAS_API_URL: 'http://maas/MAAS', MAAS_API_KEY: 'maas:key:secret' });
    expect(secretValues(config).sort()).toEqual(
      ['signing-secret-123', 'xoxb-token-456', 'palette-key-789', 'maas:key:secret'].sort(),
    );
  });
});
