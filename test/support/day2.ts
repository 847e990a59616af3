import { ulid } from 'ulid';
import { expect } from 'vitest';
import type { ClusterRecord } from '../../src/domain/cluster';
import type { ClusterSpec, Tag } from '../../src/domain/spec';
import { IMPLICIT_TEAM } from '../../src/domain/team';
import { addSeconds } from '../../src/domain/time';
import type { SimState } from '../../src/local/palette/simulator';
import type { LocalStack } from '../../src/local/stack';
import { buildCreateBody } from '../../src/palette/build';
import { validSpec } from './fixtures';
import { teamPalette } from './stack';
import { until } from './wait';

/** How a day-2 test wants its cluster: running (default) or still provisioning, sticky on delete or not. */
export interface SeedOptions {
  name: string;
  state?: 'RUNNING' | 'PROVISIONING';
  /** Tag `sim.sticky-delete`: the deletion sticks in Deleting until a force delete. */
  sticky?: boolean;
  /** More tags (e.g. `sim.backup-fails`). */
  tags?: Tag[];
}

/** Waits until the simulator has the cluster in `state` (its clock runs fast in tests; gone ones count). */
export async function simulatorReaches(stack: LocalStack, uid: string, state: SimState): Promise<void> {
  await until(`the simulated cluster ${uid} in ${state}`, () =>
    stack.palette!.clusters().find((cluster) => cluster.uid === uid)?.state === state ? true : undefined,
  );
}

/** A valid spec with the simulator catalogue's real profile, account and domain (Palette accepts it). */
export async function catalogSpec(stack: LocalStack, name: string, tags: Tag[] = []): Promise<ClusterSpec> {
  const palette = teamPalette(stack);
  const [profile] = await palette.listMaasProfiles();
  const [account] = await palette.listMaasAccounts();
  const [domain] = await palette.accountDomains(account!.uid);
  return validSpec({ name, tags, profileUid: profile!.uid, cloudAccountUid: account!.uid, domain: domain! });
}

/**
 * A cluster as the approvals flow would leave it, without the wizard or the approval card (built in parallel):
 * created in the simulator through the Palette client from a spec with the catalogue's real uids, a "request
 * submitted" message whose thread is the cluster's story, and a record brought to RUNNING (or PROVISIONING —
 * then the cluster is tagged `sim.stall` so it stays there) through the store's own transitions.
 */
export async function seedCluster(stack: LocalStack, options: SeedOptions): Promise<ClusterRecord> {
  const { deps } = stack;
  const palette = teamPalette(stack);
  const state = options.state ?? 'RUNNING';
  const spec = await catalogSpec(stack, options.name, [
    { key: 'team', value: 'day2' },
    ...(options.sticky ? [{ key: 'sim.sticky-delete' }] : []),
    ...(state === 'PROVISIONING' ? [{ key: 'sim.stall' }] : []),
    ...(options.tags ?? []),
  ]);
  const { uid } = await palette.createCluster(
    buildCreateBody(spec, await palette.profilePacks(spec.profileUid)),
  );
  await simulatorReaches(stack, uid, state === 'RUNNING' ? 'Running' : 'Provisioning');
  const info = await palette.getCluster(uid);

  const requester = stack.slack!.users.requester;
  const channel = stack.slack!.channels.requests;
  const submitted = await deps.slack.chat.postMessage({
    channel,
    text: `<@${requester}> requested the cluster *${options.name}*.`,
  });
  const now = deps.now().toISOString();
  let record = await deps.store.create({
    team: IMPLICIT_TEAM,
    id: ulid(),
    name: options.name,
    spec,
    requester,
    requestedAt: now,
    expiresAt: addSeconds(now, 86_400),
    slack: { channel, threadTs: submitted.ts! },
  });
  const step = async (change: Parameters<typeof deps.store.apply>[1]) => {
    record = await deps.store.apply(record, change);
  };
  await step({ event: 'approved', by: stack.slack!.users.approver, at: now });
  await step({
    event: 'created',
    by: 'bot',
    at: now,
    set: { paletteUid: uid, cloudConfigUid: info!.cloudConfigUid!, provisioningSince: now },
  });
  if (state === 'RUNNING')
    await step({ event: 'running', by: 'palette', at: now, set: { runningSince: now } });
  expect(record.state).toBe(state);
  return record;
}

/** The texts of a cluster's thread replies, oldest first (the "request submitted" parent left out). */
export function threadTexts(stack: LocalStack, record: Pick<ClusterRecord, 'slack'>): string[] {
  return stack
    .slack!.messages(record.slack.channel, { threadTs: record.slack.threadTs! })
    .filter((message) => message.ts !== record.slack.threadTs)
    .map((message) => message.text);
}

/** Waits until the record satisfies `done` (records move in jobs: the poll, the window, the reconciler). */
export function recordWhen(
  stack: LocalStack,
  id: string,
  done: (record: ClusterRecord) => boolean,
  what = 'the expected state',
): Promise<ClusterRecord> {
  return until(`cluster record ${id} in ${what}`, async () => {
    const record = await stack.deps.store.get(id);
    return record && done(record) ? record : undefined;
  });
}

/** Waits for the record to reach `state`. */
export function recordReaches(
  stack: LocalStack,
  id: string,
  state: ClusterRecord['state'],
): Promise<ClusterRecord> {
  return recordWhen(stack, id, (record) => record.state === state, state);
}

/** A running cluster whose OS patching Palette already holds: a Saturday 03:00 schedule and the flags given. */
export async function seedPatchedCluster(
  stack: LocalStack,
  name: string,
  flags: { patchOnBoot: boolean; rebootIfRequired: boolean },
): Promise<ClusterRecord> {
  const record = await seedCluster(stack, { name });
  await teamPalette(stack).setOsPatch(record.paletteUid!, { schedule: '0 3 * * SAT', ...flags });
  return record;
}
