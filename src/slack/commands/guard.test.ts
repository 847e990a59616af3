import { Logger } from '@aws-lambda-powertools/logger';
import type { SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../config';
import type { Deps } from '../../deps';
import { checkWorkspaceAction } from './guard';
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
    config: { approvers: ['S0APPROVERS'], admins: ['S0ADMINS'], policy: {} } as unknown as Config,
    slack,
    logger: new Logger({ logLevel: 'SILENT' }),
    now: () => new Date('2030-03-01T12:00:00Z'),
  } as unknown as Deps;
  const context: CommandContext = { deps, slash: { user_id: 'U0ASKER' } as SlashCommand, client: slack };
  return { context, lookups };
}

describe('checkWorkspaceAction', () => {
  it('lists no user group for an action anyone may take', async () => {
    const { context, lookups } = counting();
    expect(await checkWorkspaceAction('gateway', context)).toEqual({
      ok: true,
      actor: { userId: 'U0ASKER', isApprover: false, isAdmin: false },
    });
    expect(lookups).toEqual([]);
  });

  it('resolves the asker’s groups for an action only some roles may take', async () => {
    const { context, lookups } = counting();
    expect((await checkWorkspaceAction('pairing-code', context)).ok).toBe(false);
    expect(lookups.sort()).toEqual(['S0ADMINS', 'S0APPROVERS']);
  });
});
