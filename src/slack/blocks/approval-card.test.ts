import { describe, expect, it } from 'vitest';
import { validSpec } from '../../../test/support/fixtures';
import { loadConfig } from '../../config';
import type { AuditEvent, ClusterRecord } from '../../domain/cluster';
import { IMPLICIT_TEAM } from '../../domain/team';
import { checkMessageBlocks } from '../../local/slack/blockkit';
import type { BotMessage } from '../thread';
import { APPROVE_ACTION, approvalCard, REJECT_ACTION } from './approval-card';
import { reviewStepView } from './wizard/review';

const NOW = new Date('2030-01-01T12:30:00Z');
const config = loadConfig({
  SLACK_SIGNING_SECRET: 'secret',
  SLACK_BOT_TOKEN: 'xoxb-token',
  PALETTE_API_KEY: 'key',
  APPROVAL_CHANNEL: 'C0APPROVALS',
  APPROVERS: 'S0APPROVERS',
  ADMINS: 'U0ADMIN',
  REQUIRED_APPROVALS: '2',
});
const team = config.teams.list[0]!;

function record(overrides: Partial<ClusterRecord> = {}): ClusterRecord {
  return {
    id: 'C1',
    name: 'team-a-dev',
    team: IMPLICIT_TEAM,
    spec: validSpec(),
    state: 'PENDING_APPROVAL',
    requester: 'U0REQUESTER',
    requestedAt: '2030-01-01T12:00:00Z',
    updatedAt: '2030-01-01T12:00:00Z',
    expiresAt: '2030-01-02T12:00:00Z',
    slack: { channel: 'C0REQUESTS' },
    approvals: [],
    version: 1,
    history: [],
    ...overrides,
  };
}

const text = (card: { blocks?: unknown[] }) => JSON.stringify(card.blocks);
const actionIds = (card: BotMessage) =>
  (card.blocks ?? []).flatMap((block) =>
    block.type === 'actions'
      ? block.elements.map((element) => ('action_id' in element ? element.action_id : ''))
      : [],
  );
const event = (entry: Partial<AuditEvent>): AuditEvent => ({
  at: '2030-01-01T12:20:00Z',
  by: 'U0APPROVER',
  event: 'approved',
  from: 'PENDING_APPROVAL',
  to: 'APPROVED',
  ...entry,
});

describe('the card and the wizard’s review write figures the same way', () => {
  it('money and memory read the same on both', () => {
    const review = {
      validation: { ok: true, messages: [] },
      estimate: { total: 155.93, currency: 'USD', perPool: [{ name: 'worker-pool', total: 100 }] },
    };
    const card = text(approvalCard(record({ review }), { config, team, now: NOW }));
    const wizard = JSON.stringify(
      reviewStepView({
        meta: { draftId: 'D1', step: 'review', channel: 'C1' },
        spec: validSpec(),
        check: { kind: 'done', findings: review },
        maasConfigured: false,
        externalId: 'wz.review.x.y',
      }).blocks,
    );
    for (const shown of [card, wizard]) {
      expect(shown).toContain('$155.93');
      expect(shown).toContain('≥ 8 CPU, 16 GiB RAM, 100 GiB disk');
      expect(shown).not.toContain('USD');
      expect(shown).not.toContain('MiB');
    }
  });
});

describe('approvalCard', () => {
  it('offers Approve (with a confirm dialog) and Reject while the request waits, and says who can decide', () => {
    const card = approvalCard(record(), { config, now: NOW, team, threadLink: 'https://slack.example/p1' });
    expect(actionIds(card)).toEqual([APPROVE_ACTION, REJECT_ACTION]);
    expect(text(card)).toContain('"confirm":{"title":{"type":"plain_text","text":"Approve this cluster?"}');
    expect(text(card)).toContain('Expires at Jan 2 12:00 UTC');
    expect(text(card)).toContain('Who can decide: approvers (<!subteam^S0APPROVERS>) or admins (<@U0ADMIN>)');
    expect(text(card)).toContain('<https://slack.example/p1|Request thread>');
    expect(card.text).toBe('<@U0REQUESTER> asks for the cluster "team-a-dev": approval needed.');
  });

  it('stays valid Block Kit for the largest request, with everything typed escaped', () => {
    const worker = validSpec().workerPools[0]!;
    const spec = validSpec({
      description: `<!channel> ${'x'.repeat(990)}`,
      tags: Array.from({ length: 50 }, (_, index) => ({ key: `tag-${index}`, value: 'v'.repeat(60) })),
      workerPools: Array.from({ length: 10 }, (_, index) => ({
        ...worker,
        name: `pool-${index}`,
        labels: Array.from({ length: 50 }, (_, label) => ({
          key: `k${index}-${label}`,
          value: 'v'.repeat(40),
        })),
      })),
    });
    const card = approvalCard(record({ spec }), { config, now: NOW, team });
    expect(checkMessageBlocks(card.blocks)).toMatchObject({ ok: true });
    expect(card.blocks!.length).toBeLessThanOrEqual(50);
    expect(text(card)).toContain('&lt;!channel&gt;');
    expect(text(card)).not.toContain('<!channel>');
  });

  it('shows a partial quorum and keeps the buttons', () => {
    const card = approvalCard(record({ approvals: [{ userId: 'U0APPROVER', at: '2030-01-01T12:10:00Z' }] }), {
      config,
      now: NOW,
      team,
    });
    expect(text(card)).toContain('1 of 2 approvals: <@U0APPROVER>');
    expect(actionIds(card)).toEqual([APPROVE_ACTION, REJECT_ACTION]);
  });

  it('once approved: who and when, where the cluster is, and no buttons', () => {
    const approvals = [
      { userId: 'U0APPROVER', at: '2030-01-01T12:10:00Z' },
      { userId: 'U0APPROVER2', at: '2030-01-01T12:20:00Z' },
    ];
    const card = approvalCard(
      record({ state: 'RUNNING', approvals, history: [event({})], runningSince: '2030-01-01T12:28:00Z' }),
      { config, now: NOW, team },
    );
    expect(actionIds(card)).toEqual([]);
    expect(text(card)).toContain('Approved by <@U0APPROVER> and <@U0APPROVER2> at 12:20 UTC.');
    expect(text(card)).toContain(':large_green_circle: Running since 12:28 UTC.');
  });

  it('once rejected: the reason quoted and escaped', () => {
    const card = approvalCard(
      record({
        state: 'REJECTED',
        rejection: { userId: 'U0APPROVER', at: '2030-01-01T12:20:00Z', reason: 'no <b>\nsorry' },
      }),
      { config, now: NOW, team },
    );
    expect(actionIds(card)).toEqual([]);
    expect(text(card)).toContain('Rejected by <@U0APPROVER> at 12:20 UTC:\\n> no &lt;b&gt;\\n> sorry');
  });

  it('once expired or failed: what happened and what to do', () => {
    const expired = approvalCard(record({ state: 'EXPIRED' }), { config, now: NOW, team });
    expect(text(expired)).toContain('`/maas create-cluster team-a-dev`');
    const failed = approvalCard(
      record({ state: 'FAILED', history: [event({})], failure: 'quota <exceeded>' }),
      { config, now: NOW, team },
    );
    expect(text(failed)).toContain(':red_circle: Failed: quota &lt;exceeded&gt;');
  });
});
