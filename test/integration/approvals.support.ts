import { ulid } from 'ulid';
import type { ClusterRecord } from '../../src/domain/cluster';
import type { Lease } from '../../src/domain/lease';
import { approvalExpiresAt } from '../../src/domain/policy';
import type { ClusterSpec } from '../../src/domain/spec';
import type { SlackMessage } from '../../src/local/slack/types';
import type { LocalStack } from '../../src/local/stack';
import { validSpec } from '../support/fixtures';
import { teamOf, teamPalette } from '../support/stack';

/** Helpers shared by the approvals, provisioning and list/status integration tests (one stack each). */

/** The emulator and the simulator of a stack started with both. */
export function standIns(stack: LocalStack) {
  if (!stack.slack || !stack.palette)
    throw new Error('These tests need the Slack emulator and the Palette simulator.');
  return { slack: stack.slack, palette: stack.palette };
}

/** A valid spec whose profile, account, domain, zones and resource pool are the simulator's own. */
export async function catalogSpec(
  stack: LocalStack,
  overrides: Partial<ClusterSpec> = {},
): Promise<ClusterSpec> {
  const palette = teamPalette(stack);
  const [profile] = await palette.listMaasProfiles();
  const [account] = await palette.listMaasAccounts();
  const [domain] = await palette.accountDomains(account!.uid);
  const zones = await palette.accountZones(account!.uid);
  const [resourcePool] = await palette.accountResourcePools(account!.uid);
  const base = validSpec();
  return {
    ...base,
    profileUid: profile!.uid,
    profileName: profile!.name,
    cloudAccountUid: account!.uid,
    cloudAccountName: account!.name,
    domain: domain!,
    controlPlane: { ...base.controlPlane, size: 1, azs: [zones[0]!], resourcePool: resourcePool! },
    workerPools: base.workerPools.map((pool) => ({
      ...pool,
      azs: zones.slice(0, 2),
      resourcePool: resourcePool!,
    })),
    ...overrides,
  };
}

/** What submitting a request through the review job left in Slack. */
export interface Submitted {
  record: ClusterRecord;
  card: { channel: string; ts: string };
  thread: { channel: string; ts: string };
}

/** What a request is made of in the tests: its name and, when they matter, who asks where, for what. */
export interface RequestOptions {
  name: string;
  requester?: string;
  channel?: string;
  spec?: Partial<ClusterSpec>;
  team?: string;
  /** The lease chosen in the wizard; none when left out (as records made before leases). */
  lease?: Lease;
  /** The catalog spec to start from, read once by a caller submitting many (else read from Palette here). */
  catalog?: ClusterSpec;
}

/**
 * Stores a PENDING_APPROVAL request as the wizard's final submit does (for the stack's first team unless told)
 * and dispatches the `review` job, without waiting for it.
 */
export async function storeRequest(stack: LocalStack, options: RequestOptions): Promise<ClusterRecord> {
  const { slack } = standIns(stack);
  const { deps } = stack;
  const team = teamOf(stack, options.team);
  const requestedAt = deps.now().toISOString();
  const created = await deps.store.create({
    team: team.name,
    ...(team.paletteProjectUid ? { paletteProjectUid: team.paletteProjectUid } : {}),
    id: ulid(),
    name: options.name,
    spec: {
      ...(options.catalog ?? (await catalogSpec(stack))),
      name: options.name,
      ...options.spec,
    },
    requester: options.requester ?? slack.users.requester,
    requestedAt,
    expiresAt: approvalExpiresAt(requestedAt, deps.config.policy),
    slack: { channel: options.channel ?? slack.channels.requests },
    ...(options.lease ? { lease: options.lease } : {}),
  });
  await deps.jobs.dispatch({ kind: 'review', clusterId: created.id });
  return created;
}

/** Where the review job posted a request: read from its record once both places are saved, else undefined. */
export function submittedOf(record: ClusterRecord): Submitted | undefined {
  const { approvalChannel, approvalTs, channel, threadTs } = record.slack;
  if (!approvalChannel || !approvalTs || !threadTs) return undefined;
  return { record, card: { channel: approvalChannel, ts: approvalTs }, thread: { channel, ts: threadTs } };
}

/** `storeRequest`, then waits for the review job: the card and the "request submitted" message are posted. */
export async function submitRequest(stack: LocalStack, options: RequestOptions): Promise<Submitted> {
  const created = await storeRequest(stack, options);
  await stack.idle();
  const submitted = submittedOf((await stack.deps.store.get(created.id))!);
  if (!submitted) throw new Error('The review job did not post everything.');
  return submitted;
}

/** Everything a message shows, as one string: its text, sections, fields, context and buttons. */
export function shown(message: Pick<SlackMessage, 'text' | 'blocks'> | undefined): string {
  if (!message) return '';
  const parts: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object')
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'text' && typeof inner === 'string') parts.push(inner);
        else visit(inner);
      }
  };
  visit(message.blocks ?? []);
  return parts.length > 0 ? parts.join('\n') : message.text;
}

/** The message at `place`, as the emulator holds it now. */
export function messageAt(
  stack: LocalStack,
  place: { channel: string; ts: string },
): SlackMessage | undefined {
  return standIns(stack).slack.workspace.messages.find(
    (message) => message.channel === place.channel && message.ts === place.ts,
  );
}

/** The thread's messages (parent first), each as what it shows. */
export function threadShown(stack: LocalStack, thread: { channel: string; ts: string }): string[] {
  return standIns(stack).slack.messages(thread.channel, { threadTs: thread.ts }).map(shown);
}

/** Action ids of the buttons a message has. */
export function buttons(message: SlackMessage | undefined): string[] {
  return (message?.blocks ?? []).flatMap((block) =>
    block.type === 'actions'
      ? block.elements.map((element) => ('action_id' in element ? String(element.action_id) : ''))
      : [],
  );
}
