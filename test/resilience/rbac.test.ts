import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClusterRecord } from '../../src/domain/cluster';
import type { LifecycleState } from '../../src/domain/lifecycle';
import { STATES } from '../../src/domain/lifecycle';
import { type Action, type Actor, decide, PERMISSIONS, type Role } from '../../src/domain/policy';
import type { ClusterSpec } from '../../src/domain/spec';
import { IMPLICIT_TEAM } from '../../src/domain/team';
import { addSeconds } from '../../src/domain/time';
import { APPROVE_ACTION, REJECT_ACTION } from '../../src/slack/blocks/approval-card';
import { FORCE_DELETE_ACTION } from '../../src/slack/blocks/force-delete';
import type { ClusterChange } from '../../src/store/port';
import { scopeOfRecord } from '../../src/teams/scope';
import { catalogSpec } from '../support/day2';
import { teamPalette, useStack } from '../support/stack';
import { blockTexts } from './support/readable';

/** Who acts: the request's requester, an approver, an admin, or someone with no role. */
const PEOPLE = ['requester', 'approver', 'admin', 'outsider'] as const;
type Person = (typeof PEOPLE)[number];

/** The steps that bring a new request to each state (events of the lifecycle table). */
const PATHS: Record<LifecycleState, ClusterChange['event'][]> = {
  PENDING_APPROVAL: [],
  APPROVED: ['approved'],
  PROVISIONING: ['approved', 'created'],
  RUNNING: ['approved', 'created', 'running'],
  DELETING: ['approved', 'created', 'running', 'delete-started'],
  DELETED: ['approved', 'created', 'running', 'delete-started', 'deleted'],
  REJECTED: ['rejected'],
  EXPIRED: ['expired'],
  FAILED: ['approved', 'create-failed'],
};

/** The roles a person holds for a request made by the seeded requester (the configuration's groups). */
const ROLES: Record<Person, Role[]> = {
  requester: ['requester'],
  approver: ['approver'],
  admin: ['admin'],
  outsider: [],
};

/** What the lifecycle table says, read straight from it (every time rule is met by the setup: not expired, window open). */
function allowedByTable(action: Action, person: Person, state: LifecycleState | undefined): boolean {
  const rule = PERMISSIONS[action];
  const roles = ROLES[person];
  const roleOk = rule.roles === 'anyone' || rule.roles.some((role) => roles.includes(role));
  const stateOk =
    rule.states === 'any' || rule.states === 'none' || (state !== undefined && rule.states.includes(state));
  const selfOk = !(rule.notByRequester && person === 'requester');
  return roleOk && stateOk && selfOk;
}

const getStack = useStack();
let template: ClusterSpec;
let records = 0;

beforeAll(async () => {
  template = await catalogSpec(getStack(), 'rbac-template');
});

/** A request by the seeded requester, brought to `state` through the lifecycle, with a thread and a card-like message. */
async function requestIn(state: LifecycleState) {
  const stack = getStack();
  const { deps } = stack;
  const slack = stack.slack!;
  const name = `rbac-${++records}-${state.toLowerCase().replace('_', '-')}`;
  const now = deps.now();
  const at = now.toISOString();
  const [simulated] = stack.palette!.seedClusters(1, { namePrefix: name });
  const thread = await deps.slack.chat.postMessage({
    channel: slack.channels.requests,
    text: `Request ${name}.`,
  });
  let record = await deps.store.create({
    team: IMPLICIT_TEAM,
    id: ulid(),
    name,
    spec: { ...template, name },
    requester: slack.users.requester,
    requestedAt: at,
    expiresAt: addSeconds(at, 86_400),
    slack: { channel: slack.channels.requests, threadTs: thread.ts! },
  });
  const fields: Record<string, ClusterChange['set']> = {
    created: { paletteUid: simulated!.uid, cloudConfigUid: simulated!.cloudConfigUid, provisioningSince: at },
    running: { runningSince: at },
    'delete-started': {
      deletingSince: new Date(now.getTime() - 3_600_000).toISOString(),
      deleteKind: 'delete',
    },
  };
  for (const event of PATHS[state]) {
    record = await deps.store.apply(record, { event, by: 'rbac-test', at, set: fields[event] ?? {} });
    if (event === 'delete-started')
      await teamPalette(getStack()).deleteCluster(simulated!.uid, { force: false });
  }
  expect(record.state).toBe(state);
  // A message with every button of the cluster, as a stale card or notice would still show them.
  const card = await deps.slack.chat.postMessage({
    channel: slack.channels.approvals,
    text: `Buttons for ${name}`,
    blocks: [
      {
        type: 'actions',
        block_id: 'rbac',
        elements: [APPROVE_ACTION, REJECT_ACTION, FORCE_DELETE_ACTION].map((actionId) => ({
          type: 'button',
          action_id: actionId,
          text: { type: 'plain_text', text: actionId },
          value: record.id,
        })),
      },
    ],
  });
  return { record, card: { channel: card.channel!, ts: card.ts! } };
}

/** What a person saw after acting: the answer, new ephemerals and DMs, and whether a modal opened. */
interface Seen {
  texts: string[];
  modal: boolean;
}

async function seenAfter(user: string, act: () => Promise<{ body: unknown }>): Promise<Seen> {
  const stack = getStack();
  const slack = stack.slack!;
  const ephemerals = slack.ephemerals(user).length;
  const dms = slack.workspace.messages.filter((message) => message.channel === user).length;
  const views = slack.views(user).length;
  const reply = await act();
  await stack.idle();
  const body = reply.body as { text?: string; blocks?: unknown } | undefined;
  const texts = [
    ...(body?.text ? [body.text, ...blockTexts(body.blocks ?? [])] : []),
    ...slack
      .ephemerals(user)
      .slice(ephemerals)
      .flatMap((message) => [message.text, ...blockTexts(message.blocks ?? [])]),
    ...slack.workspace.messages
      .filter((message) => message.channel === user)
      .slice(dms)
      .map((message) => message.text),
  ];
  const modal = slack.views(user).length > views;
  for (const view of slack.views(user).reverse()) await slack.dismiss(user, view.id);
  return { texts, modal };
}

/** Policy's refusals (`refusalAnswer`: ':no_entry:' + decide's reason), or a card already decided. */
const REFUSAL =
  /:no_entry: (Only |You requested |".+" is |Force delete opens |The request for )|^Already decided/m;
const refused = (seen: Seen) => seen.texts.some((text) => REFUSAL.test(text));
/** The start of what a person saw, for a failure message. */
const brief = (seen: Seen) =>
  `${seen.modal ? '(modal) ' : ''}${seen.texts.map((text) => text.slice(0, 100)).join(' | ')}`;

/** The actor a person is, as the bot resolves them. */
function actorOf(person: Person): Actor {
  const slack = getStack().slack!;
  return { userId: slack.users[person], isApprover: person === 'approver', isAdmin: person === 'admin' };
}

describe('every role × action × state, through the commands and the buttons', () => {
  /** Checks one outcome against the table: a refusal with policy's reason, or the action going ahead. */
  async function check(
    mismatches: string[],
    action: Action,
    person: Person,
    record: ClusterRecord | undefined,
    seen: Seen,
    wentAhead: () => Promise<boolean>,
  ) {
    const expected = allowedByTable(action, person, record?.state);
    const label = `${person} ${action}${record ? ` in ${record.state}` : ''}`;
    if (expected) {
      if (refused(seen)) mismatches.push(`${label}: refused, but the table allows it — ${brief(seen)}`);
      else if (!(await wentAhead()))
        mismatches.push(`${label}: allowed, but nothing happened — ${brief(seen)}`);
      return;
    }
    const decision = decide(
      action,
      actorOf(person),
      record,
      getStack().deps.now(),
      scopeOfRecord(getStack().deps, record ?? { team: IMPLICIT_TEAM }).policy,
    );
    if (decision.ok) mismatches.push(`${label}: the table refuses it, but decide() allows it`);
    else if (!refused(seen)) mismatches.push(`${label}: not refused — ${brief(seen)}`);
    else if (!seen.texts.some((text) => text.includes(decision.reason) || text.startsWith('Already decided')))
      mismatches.push(`${label}: refused without policy's reason "${decision.reason}" — ${brief(seen)}`);
  }

  // One test per state (each a few dozen requests), so none runs long enough to meet its timeout on a busy machine.
  for (const state of STATES)
    it(`answers as PERMISSIONS says in ${state}, for commands about a cluster and the card and notice buttons`, async () => {
      const stack = getStack();
      const slack = stack.slack!;
      const mismatches: string[] = [];
      let checked = 0;
      for (const person of PEOPLE) {
        const { record, card } = await requestIn(state);
        const user = slack.users[person];
        const reread = async () => (await stack.deps.store.get(record.id))!;
        const command = (text: string) => seenAfter(user, () => slack.command(user, '/maas', text));
        const click = (actionId: string) => seenAfter(user, () => slack.click(user, card, actionId));
        const answered = (seen: Seen) => async () => seen.modal || seen.texts.length > 0;
        const outcome = (action: Action, seen: Seen, wentAhead: () => Promise<boolean>) => {
          checked++;
          return check(mismatches, action, person, record, seen, wentAhead);
        };

        let seen = await command(`status ${record.name}`);
        await outcome('status', seen, answered(seen));
        seen = await command(`scale ${record.name} worker-pool 3`);
        await outcome('scale', seen, answered(seen));
        seen = await command(`delete ${record.name}`);
        await outcome('delete', seen, async () => seen.modal);
        seen = await command(`abort ${record.name}`);
        await outcome('abort', seen, async () => seen.modal);
        seen = await command(`force-delete ${record.name}`);
        await outcome('force-delete', seen, answered(seen));
        seen = await click(REJECT_ACTION);
        await outcome('reject', seen, async () => seen.modal);
        seen = await click(FORCE_DELETE_ACTION);
        await outcome('force-delete', seen, async () => (await reread()).forceDeleteBy === user);
        seen = await click(APPROVE_ACTION);
        await outcome('approve', seen, async () => (await reread()).approvals.some((a) => a.userId === user));
      }
      expect(mismatches).toEqual([]);
      expect(checked).toBe(PEOPLE.length * 8);
    });

  it('answers as PERMISSIONS says for what is not about one cluster: request, list, gateway, pairing code', async () => {
    const slack = getStack().slack!;
    const mismatches: string[] = [];
    for (const person of PEOPLE) {
      const user = slack.users[person];
      const command = (text: string) => seenAfter(user, () => slack.command(user, '/maas', text));
      let seen = await command('create-cluster');
      await check(mismatches, 'request', person, undefined, seen, async () => seen.modal);
      for (const [action, text] of [
        ['list', 'list'],
        ['gateway', 'gateway'],
        ['pairing-code', 'gateway pairing-code'],
      ] as const) {
        seen = await command(text);
        await check(mismatches, action, person, undefined, seen, async () => seen.texts.length > 0);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
