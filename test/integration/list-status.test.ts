import { beforeAll, describe, expect, it } from 'vitest';
import { APPROVE_ACTION } from '../../src/slack/blocks/approval-card';
import { PALETTE_READ_BUDGET_MS } from '../../src/slack/budget';
import { LIST_PAGE_SIZE } from '../../src/slack/commands/list';
import { useStack } from '../support/stack';
import { shown, standIns, submitRequest, threadShown } from './approvals.support';

const getStack = useStack();
/** What a listener says when Palette is slower than its read budget. */
const slowPalette = `Palette did not answer within ${PALETTE_READ_BUDGET_MS / 1000} s`;
/** Clusters only Palette knows (created outside the bot). */
const LEGACY = 20;

beforeAll(async () => {
  const stack = getStack();
  const { slack, palette } = standIns(stack);
  palette.seedClusters(LEGACY, { namePrefix: 'legacy' });
  await submitRequest(stack, { name: 'team-pending' });
  const { card, thread } = await submitRequest(stack, { name: 'team-running' });
  await slack.click(slack.users.approver, card, APPROVE_ACTION);
  await slack.waitFor(() => threadShown(stack, thread).find((text) => text.startsWith(':tada:')));
  await stack.idle();
});

/** What `/maas TEXT` shows the person (the ephemeral answer), as text. */
async function maas(user: string, text: string): Promise<string> {
  const { slack } = standIns(getStack());
  const result = await slack.command(user, '/maas', text);
  expect(result.status).toBe(200);
  expect((result.body as { response_type?: string }).response_type).toBe('ephemeral');
  return shown(result.body as { text: string; blocks?: never[] });
}

const rows = (answer: string) => answer.split('\n').filter((line) => line.startsWith('*'));

describe('/maas list', () => {
  it("merges the bot's clusters with Palette's, with state and health, one page at a time", async () => {
    const { slack } = standIns(getStack());
    const first = await maas(slack.users.outsider, 'list');
    expect(rows(first)).toHaveLength(LIST_PAGE_SIZE);
    expect(first).toContain(
      `*team-running* — :large_green_circle: Running · Healthy · 3/3 nodes · <@${slack.users.requester}>`,
    );
    expect(first).toContain(
      `*team-pending* — :hourglass_flowing_sand: Waiting for approval · <@${slack.users.requester}>`,
    );
    expect(first).toContain('*legacy-1* — Palette: Running · Healthy · _not requested through Slack_');
    expect(rows(first).filter((row) => row.startsWith('*team-running*'))).toHaveLength(1);
    expect(first).toContain('More: `/maas list 2`');

    const second = await maas(slack.users.outsider, 'list 2');
    expect(rows(second)).toHaveLength(2 + LEGACY - LIST_PAGE_SIZE);
    expect(rows(second).filter((row) => rows(first).includes(row))).toEqual([]);
    expect(second).not.toContain('More:');
    expect(await maas(slack.users.outsider, 'list 9')).toContain('Page 9 is empty');
  });

  it('answers in time with what the bot knows when Palette is slow, and says so', async () => {
    const { slack, palette } = standIns(getStack());
    palette.setFaults({ latencyMs: 2_500 });
    try {
      const answer = await maas(slack.users.requester, 'list');
      expect(answer).toContain('*team-running* — :large_green_circle: Running');
      expect(answer).not.toContain('legacy-');
      expect(answer).toContain(`:warning: ${slowPalette}, so this shows what the bot knows.`);
    } finally {
      palette.setFaults({});
    }
  });
});

describe('/maas status NAME', () => {
  it('shows pools, nodes, health, age, requester, approvers, last events and history', async () => {
    const { slack } = standIns(getStack());
    const answer = await maas(slack.users.outsider, 'status team-running');
    for (const fact of [
      ':large_green_circle: Running · Palette: Running · health Healthy · created',
      `*Requester*\n<@${slack.users.requester}>`,
      `*Approvers*\n<@${slack.users.approver}>`,
      '`control-plane-pool` ▓▓▓▓▓▓▓▓▓▓ 1/1 nodes ready',
      '`worker-pool` ▓▓▓▓▓▓▓▓▓▓ 2/2 nodes ready',
      `:white_check_mark: Approved by <@${slack.users.approver}>`,
      '*Last events*',
      'ClusterRunning: Cluster team-running is running',
      `<@${slack.users.approver}> approved it`,
      'created in Palette',
      'running: Palette reports it up and healthy',
      'Open in Palette',
    ])
      expect(answer).toContain(fact);
    expect(answer).not.toContain(' note by ');
  });

  it('answers from what the bot last saw when Palette is slow', async () => {
    const { slack, palette } = standIns(getStack());
    palette.setFaults({ latencyMs: 2_500 });
    try {
      const answer = await maas(slack.users.outsider, 'status team-running');
      expect(answer).toContain('`worker-pool` ▓▓▓▓▓▓▓▓▓▓ 2/2 nodes ready');
      expect(answer).toContain(`:warning: ${slowPalette}, so this shows what the bot knows; last seen`);
      expect(answer).not.toContain('*Last events*');
    } finally {
      palette.setFaults({});
    }
  });

  it("shows Palette's summary for a cluster only Palette knows, and says when there is none", async () => {
    const { slack } = standIns(getStack());
    const legacy = await maas(slack.users.outsider, 'status legacy-3');
    expect(legacy).toContain('Palette: Running · health Healthy · created 24 h ago');
    expect(legacy).toContain('Not requested through Slack');
    expect(await maas(slack.users.outsider, 'status nowhere')).toBe(
      'There is no cluster named `nowhere`; see `/maas list`.',
    );
  });
});
