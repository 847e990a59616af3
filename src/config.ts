import { z } from 'zod';
import { ConfigError } from './config-error';
import { DEFAULT_RECORD_RETENTION_DAYS } from './domain/cluster';
import { DEFAULT_LEASE_SETTINGS, DurationListSchema, DurationSchema } from './domain/lease';
import type { SharedPolicySettings } from './domain/policy';
import { implicitTeams, resolveTeams, type Teams, type TeamsFile } from './domain/team';

export { ConfigError } from './config-error';

/** The bot's configuration (DESIGN §3), read once from the environment. */
export interface Config {
  port: number;
  slack: {
    signingSecret: string;
    botToken: string;
    /** Web API base URL, ending in `/`. */
    apiUrl: string;
    appToken?: string;
    /** The bot's ids (SLACK_BOT_ID, SLACK_BOT_USER_ID); when unset, learned once with `auth.test` (slack/identity). */
    botId?: string;
    botUserId?: string;
    /** Slack's rate windows shrunk alike for the bot's pacing (a local test stack only; Slack's own: 1). */
    rateWindowScale?: number;
  };
  palette: {
    apiUrl: string;
    apiKey: string;
    /** Where people open a cluster in Palette's console. */
    consoleUrl: string;
  };
  maas?: { apiUrl: string; apiKey: string };
  /** ADMINS: Slack user ids (U…/W…) and user-group ids (S…) of the admins of every team. */
  admins: string[];
  /**
   * The teams the bot serves — each with its channels, Palette project, approvers, admins, quorum, profiles and
   * quota: from TEAMS_FILE, or one implicit team from PALETTE_PROJECT_UID, APPROVAL_CHANNEL, APPROVERS and
   * REQUIRED_APPROVALS. Reach a record's or a channel's team through src/teams/scope.ts.
   */
  teams: Teams;
  /** Policy settings every team shares (a team's quorum is its own: src/teams/scope.ts `policy`). */
  policy: SharedPolicySettings;
  /** How often a provisioning or deleting cluster is polled (EventBridge Scheduler's precision is a minute). */
  pollIntervalSeconds: number;
  /** A provisioning that shows no change for this long is reported as stalled. */
  stallAfterSeconds: number;
  /** KUBECONFIG_DELIVERY: `dm` sends the users' kubeconfig as a file in a DM; `link` only links to Palette. */
  kubeconfigDelivery: 'dm' | 'link';
  tableName: string;
  /** Days an ended cluster's record is kept before DynamoDB's TTL deletes it. */
  recordRetentionDays: number;
  /** CloudWatch namespace of the bot's metrics (one per stage). */
  metricsNamespace: string;
  /** AWS wiring, present on Lambda. */
  aws?: {
    region: string;
    workerFunctionArn: string;
    schedulerRoleArn: string;
    scheduleGroup: string;
  };
}

const idList = z
  .string()
  .default('')
  .transform((text) =>
    text
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z.string().regex(/^[UWS][A-Z0-9]+$/, 'Slack ids look like U0123ABCD (users) or S0123ABCD (groups).'),
    ),
  );

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  SLACK_SIGNING_SECRET: z.string({
    error: "SLACK_SIGNING_SECRET is required: the Slack app's signing secret.",
  }),
  SLACK_BOT_TOKEN: z.string({ error: "SLACK_BOT_TOKEN is required: the Slack app's bot token (xoxb-…)." }),
  SLACK_API_URL: z
    .url()
    .default('https://slack.com/api/')
    .transform((url) => (url.endsWith('/') ? url : `${url}/`)),
  SLACK_APP_TOKEN: z.string().optional(),
  SLACK_BOT_ID: z
    .string()
    .regex(/^B[A-Z0-9]+$/, 'SLACK_BOT_ID looks like B0123ABCD.')
    .optional(),
  SLACK_BOT_USER_ID: z
    .string()
    .regex(/^[UW][A-Z0-9]+$/, 'SLACK_BOT_USER_ID looks like U0123ABCD.')
    .optional(),
  PALETTE_API_URL: z.url().default('https://api.spectrocloud.com'),
  PALETTE_API_KEY: z.string({
    error: 'PALETTE_API_KEY is required: a Palette API key (Profile → My API Keys).',
  }),
  PALETTE_PROJECT_UID: z.string().optional(),
  PALETTE_CONSOLE_URL: z.url().optional(),
  MAAS_API_URL: z.url().optional(),
  MAAS_API_KEY: z.string().optional(),
  APPROVAL_CHANNEL: z.string().optional(),
  APPROVERS: idList,
  ADMINS: idList,
  REQUIRED_APPROVALS: z.coerce.number().int().min(1).max(10).default(1),
  TEAMS_FILE: z.string().optional(),
  LEASE_DEFAULT: DurationSchema.default(DEFAULT_LEASE_SETTINGS.defaultSeconds),
  LEASE_MAX: DurationSchema.default(DEFAULT_LEASE_SETTINGS.maxSeconds),
  LEASE_REMINDERS: DurationListSchema.default([...DEFAULT_LEASE_SETTINGS.reminderSeconds]),
  LEASE_NONE_ALLOWED: z
    .enum(['true', 'false'], { error: 'LEASE_NONE_ALLOWED: true or false' })
    .default('false')
    .transform((text) => text === 'true'),
  APPROVAL_TTL: seconds(86_400),
  FORCE_DELETE_AFTER: seconds(900),
  POLL_INTERVAL: seconds(60),
  STALL_AFTER: seconds(1_800),
  KUBECONFIG_DELIVERY: z
    .enum(['dm', 'link'], { error: 'KUBECONFIG_DELIVERY is dm (a file in a DM) or link (a Palette link).' })
    .default('dm'),
  TABLE_NAME: z.string().min(3).default('maas-chatops'),
  RECORD_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(DEFAULT_RECORD_RETENTION_DAYS),
  POWERTOOLS_METRICS_NAMESPACE: z
    .string()
    .regex(/^[\w./#:-]{1,255}$/, 'a CloudWatch namespace: letters, digits and . - _ / # : only')
    .default('maas-chatops/local'),
  AWS_REGION: z.string().optional(),
  WORKER_FUNCTION_ARN: z.string().optional(),
  SCHEDULER_ROLE_ARN: z.string().optional(),
  SCHEDULE_GROUP: z.string().optional(),
});

/** The environment variables a secret may be given in (on Lambda, SecureStrings of the same names fill them). */
export const SECRET_VARIABLES = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'PALETTE_API_KEY',
  'MAAS_API_KEY',
] as const;

/** The variables that are set: an empty or blank one counts as unset, everywhere the environment is read. */
export function presentVariables(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== '',
    ),
  );
}

const APPROVAL_CHANNEL_MISSING = 'APPROVAL_CHANNEL is required: the channel id for approval cards.';

/** The teams: the teams file's (checked by the caller) with the variables' defaults, else one implicit team. */
function teamsOf(e: z.infer<typeof EnvSchema>, teamsFile: TeamsFile | undefined): Teams {
  const defaults = {
    ...(e.PALETTE_PROJECT_UID ? { paletteProjectUid: e.PALETTE_PROJECT_UID } : {}),
    requiredApprovals: e.REQUIRED_APPROVALS,
    admins: e.ADMINS,
    lease: {
      defaultSeconds: e.LEASE_DEFAULT,
      maxSeconds: e.LEASE_MAX,
      reminderSeconds: e.LEASE_REMINDERS,
      noneAllowed: e.LEASE_NONE_ALLOWED,
    },
  };
  if (teamsFile) return resolveTeams(teamsFile, defaults);
  return implicitTeams({ ...defaults, approvalChannel: e.APPROVAL_CHANNEL ?? '', approvers: e.APPROVERS });
}

/**
 * Reads and checks the configuration from environment variables; an empty variable counts as unset. With
 * TEAMS_FILE set, `teamsFile` is that file, already read and checked (`readConfig` does both): APPROVAL_CHANNEL and
 * APPROVERS are then not used, and PALETTE_PROJECT_UID and REQUIRED_APPROVALS are the defaults of teams that
 * leave them out.
 */
export function loadConfig(env: Record<string, string | undefined>, teamsFile?: TeamsFile): Config {
  const parsed = EnvSchema.safeParse(presentVariables(env));
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) =>
        issue.message.startsWith(String(issue.path[0]))
          ? issue.message
          : `${issue.path.join('.')}: ${issue.message}`,
      );
  const set = presentVariables(env);
  if (!set.TEAMS_FILE && !set.APPROVAL_CHANNEL) problems.push(APPROVAL_CHANNEL_MISSING);
  if (parsed.success && parsed.data.LEASE_DEFAULT > parsed.data.LEASE_MAX)
    problems.push('LEASE_DEFAULT cannot be longer than LEASE_MAX.');
  if (set.TEAMS_FILE && !teamsFile)
    problems.push('TEAMS_FILE is set: read the configuration with readConfig, which reads the teams file.');
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const maas =
    e.MAAS_API_URL && e.MAAS_API_KEY ? { apiUrl: e.MAAS_API_URL, apiKey: e.MAAS_API_KEY } : undefined;
  const aws =
    e.WORKER_FUNCTION_ARN && e.SCHEDULER_ROLE_ARN && e.SCHEDULE_GROUP
      ? {
          region: e.AWS_REGION ?? 'us-east-1',
          workerFunctionArn: e.WORKER_FUNCTION_ARN,
          schedulerRoleArn: e.SCHEDULER_ROLE_ARN,
          scheduleGroup: e.SCHEDULE_GROUP,
        }
      : undefined;
  return {
    port: e.PORT,
    slack: {
      signingSecret: e.SLACK_SIGNING_SECRET,
      botToken: e.SLACK_BOT_TOKEN,
      apiUrl: e.SLACK_API_URL,
      ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
      ...(e.SLACK_BOT_ID ? { botId: e.SLACK_BOT_ID } : {}),
      ...(e.SLACK_BOT_USER_ID ? { botUserId: e.SLACK_BOT_USER_ID } : {}),
    },
    palette: {
      apiUrl: e.PALETTE_API_URL.replace(/\/$/, ''),
      apiKey: e.PALETTE_API_KEY,
      consoleUrl: (e.PALETTE_CONSOLE_URL ?? 'https://console.spectrocloud.com').replace(/\/$/, ''),
    },
    ...(maas ? { maas } : {}),
    admins: e.ADMINS,
    teams: teamsOf(e, teamsFile),
    policy: {
      approvalTtlSeconds: e.APPROVAL_TTL,
      forceDeleteAfterSeconds: e.FORCE_DELETE_AFTER,
    },
    pollIntervalSeconds: e.POLL_INTERVAL,
    stallAfterSeconds: e.STALL_AFTER,
    kubeconfigDelivery: e.KUBECONFIG_DELIVERY,
    tableName: e.TABLE_NAME,
    recordRetentionDays: e.RECORD_RETENTION_DAYS,
    metricsNamespace: e.POWERTOOLS_METRICS_NAMESPACE,
    ...(aws ? { aws } : {}),
  };
}

/**
 * Reads the configuration like `loadConfig`, reading and checking the teams file first when TEAMS_FILE names one
 * (its YAML parser is loaded only then, so a bot without teams starts as fast as before).
 */
export async function readConfig(env: Record<string, string | undefined>): Promise<Config> {
  const path = presentVariables(env).TEAMS_FILE;
  if (!path) return loadConfig(env);
  const { readTeamsFile } = await import('./teams/file');
  return loadConfig(env, await readTeamsFile(path));
}

/** Every secret value in the configuration, so logs and messages can be checked and scrubbed of them. */
export function secretValues(config: Config): string[] {
  return [
    config.slack.signingSecret,
    config.slack.botToken,
    config.slack.appToken,
    config.palette.apiKey,
    config.maas?.apiKey,
  ].filter((value): value is string => typeof value === 'string' && value.length >= 6);
}
