import { Logger } from '@aws-lambda-powertools/logger';
import type { SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import type { Deps } from '../../deps';
import { checkTeamAction } from './guard';
import type { CommandContext } from './types';

/** A command context whose Slack client counts user-group lookups (the asker is in no group). */
function counting() {
  const lookups: string[] = [];
  const slack = {
    usergroups: {
      users: {
        list: async ({ usergroup }: { usergroup: string }) => {
          lookups.push(usergroup);
          return { ok: true, users: [] };
        },
      },
    },
  } as unknown as WebClient;
  const deps = {
    config: loadConfig({
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_BOT_TOKEN: 'xoxb-token',
      PALETTE_API_KEY: 'key',
      APPROVAL_CHANNEL: 'C0APPROVALS',
      APPROVERS: 'S0APPROVERS',
      ADMINS: 'S0ADMINS',
    }),
    palettes: { forProject: () => ({}) },
    slack,
    logger: new Logger({ logLevel: 'SILENT' }),
    now: () => new Date('2030-03-01T12:00:00Z'),
  } as unknown as Deps;
  const slash = { user_id: 'U0ASKER', channel_id: 'C0REQUESTS' } as SlashCommand;
  const context: CommandContext = { deps, slash, client: slack };
  return { context, lookups };
}

describe('checkTeamAction', () => {
  it('lists no user group for an action anyone may take', async () => {
    const { context, lookups } = counting();
    const checked = await checkTeamAction('gateway', context);
    expect(checked).toMatchObject({
      ok: true,
      actor: { userId: 'U0ASKER', isApprover: false, isAdmin: false },
      scope: { team: { name: 'default' } },
    });
    expect(lookups).toEqual([]);
  });

  it('resolves the asker’s groups for an action only some roles may take', async () => {
    const { context, lookups } = counting();
    expect((await checkTeamAction('pairing-code', context)).ok).toBe(false);
    expect(lookups.sort()).toEqual(['S0ADMINS', 'S0APPROVERS']);
  });
});
