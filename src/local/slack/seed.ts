import type { Workspace } from './types';

/**
 * The seeded people, by role in the playground. The first five are the platform team's (and, without a teams
 * file, everyone's); the data team's requester and approver match teams.example.yml's second team.
 */
export const SEED_USERS = {
  requester: { id: 'U0REQUESTER', name: 'riley.chen', realName: 'Riley Chen' },
  approver: { id: 'U0APPROVER', name: 'priya.nair', realName: 'Priya Nair' },
  approver2: { id: 'U0APPROVER2', name: 'marco.rossi', realName: 'Marco Rossi' },
  admin: { id: 'U0ADMIN', name: 'alex.kowalski', realName: 'Alex Kowalski' },
  outsider: { id: 'U0OUTSIDER', name: 'sam.okafor', realName: 'Sam Okafor' },
  dataRequester: { id: 'U0DATAREQ', name: 'jun.park', realName: 'Jun Park' },
  dataApprover: { id: 'U0DATAAPPR', name: 'dana.li', realName: 'Dana Li' },
} as const;
export type SeedRole = keyof typeof SEED_USERS;

/** The seeded user groups (what APPROVERS / ADMINS and the teams file name). */
export const SEED_GROUPS = {
  approvers: 'S0APPROVERS',
  admins: 'S0ADMINS',
  dataLeads: 'S0DATALEADS',
} as const;

/**
 * The seeded channels: requests and approvals (the platform team's in teams.example.yml; bot in both), the data
 * team's requests and approvals (bot in both), and random (no team's; bot NOT in).
 */
export const SEED_CHANNELS = {
  requests: 'C0REQUESTS',
  approvals: 'C0APPROVALS',
  dataRequests: 'C0DATAREQ',
  dataApprovals: 'C0DATAAPPR',
  random: 'C0RANDOM',
} as const;

/** The bot's identity in the emulated workspace (SLACK_BOT_USER_ID / SLACK_BOT_ID). */
export const SEED_BOT = { userId: 'U0MAASBOT', botId: 'B0MAASBOT', name: 'maas' } as const;

/** A fresh workspace with the seeded people, groups and channels, and nothing said yet. */
export function seedWorkspace(): Workspace {
  const people = Object.values(SEED_USERS).map((user) => user.id);
  const { approver, approver2, admin, dataRequester, dataApprover } = SEED_USERS;
  return {
    team: { id: 'T0MAAS', domain: 'maas-playground', name: 'MAAS Playground' },
    appId: 'A0MAASBOT',
    bot: { ...SEED_BOT },
    users: [
      ...Object.values(SEED_USERS).map((user) => ({
        ...user,
        isBot: false,
        isAdmin: user.id === admin.id,
        tz: 'Europe/London',
      })),
      { id: SEED_BOT.userId, name: SEED_BOT.name, realName: 'MAAS', isBot: true, isAdmin: false, tz: 'UTC' },
    ],
    groups: [
      {
        id: SEED_GROUPS.approvers,
        handle: 'cluster-approvers',
        name: 'Cluster approvers',
        users: [approver.id, approver2.id],
      },
      { id: SEED_GROUPS.admins, handle: 'platform-admins', name: 'Platform admins', users: [admin.id] },
      { id: SEED_GROUPS.dataLeads, handle: 'data-leads', name: 'Data team leads', users: [dataApprover.id] },
    ],
    channels: [
      {
        id: SEED_CHANNELS.requests,
        name: 'platform-requests',
        isIm: false,
        members: [...people, SEED_BOT.userId],
      },
      {
        id: SEED_CHANNELS.approvals,
        name: 'cluster-approvals',
        isIm: false,
        members: [approver.id, approver2.id, admin.id, SEED_BOT.userId],
      },
      {
        id: SEED_CHANNELS.dataRequests,
        name: 'data-requests',
        isIm: false,
        members: [dataRequester.id, dataApprover.id, admin.id, SEED_BOT.userId],
      },
      {
        id: SEED_CHANNELS.dataApprovals,
        name: 'data-approvals',
        isIm: false,
        members: [dataApprover.id, admin.id, SEED_BOT.userId],
      },
      { id: SEED_CHANNELS.random, name: 'random', isIm: false, members: [...people] },
    ],
    messages: [],
    ephemerals: [],
    modals: {},
    homes: {},
    calls: [],
  };
}
