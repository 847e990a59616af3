import { expect } from 'vitest';
import type { SlackEmulator } from '../../src/local/slack/emulator';
import type { EnteredValue, EnteredValues } from '../../src/local/slack/state-values';
import type { ViewRecord } from '../../src/local/slack/types';
import type { LocalStack } from '../../src/local/stack';
import type { CloudAccount, ProfileSummary } from '../../src/palette/port';
import { fieldActionId } from '../../src/slack/wizard/ids';
import { decodeMeta, type WizardMeta } from '../../src/slack/wizard/metadata';
import { teamPalette } from '../support/stack';

/** Helpers shared by the wizard's integration tests: the simulator's catalogue, and a person driving the modal. */

/** The Palette simulator's catalogue, as the wizard offers it. */
export interface SimCatalog {
  profile: ProfileSummary;
  account: CloudAccount;
  otherAccount: CloudAccount;
  domains: string[];
  otherDomains: string[];
  zones: string[];
  resourcePools: string[];
  machineTags: string[];
}

/** Reads the catalogue straight from Palette (not through the bot's cache). */
export async function simCatalog(stack: LocalStack): Promise<SimCatalog> {
  const palette = teamPalette(stack);
  const [profile] = await palette.listMaasProfiles();
  const [account, otherAccount] = await palette.listMaasAccounts();
  return {
    profile: profile!,
    account: account!,
    otherAccount: otherAccount!,
    domains: await palette.accountDomains(account!.uid),
    otherDomains: await palette.accountDomains(otherAccount!.uid),
    zones: await palette.accountZones(account!.uid),
    resourcePools: await palette.accountResourcePools(account!.uid),
    machineTags: await palette.accountMachineTags(account!.uid),
  };
}

/** The Slack emulator of a stack. */
export function emulatorOf(stack: LocalStack): SlackEmulator {
  if (!stack.slack) throw new Error('The wizard tests need the Slack emulator.');
  return stack.slack;
}

let names = 0;
/** A cluster name no other test uses. */
export const freshName = (prefix = 'wiz') => `${prefix}-${++names}-${Date.now().toString(36)}`;

/** Everything a view shows, as one string (labels, texts, options), to look for words in. */
export const shownText = (view: ViewRecord | undefined) => JSON.stringify(view?.view ?? {});

/** One person going through the wizard in the emulator, step by step, by field id. */
export class WizardDriver {
  constructor(
    readonly stack: LocalStack,
    readonly catalog: SimCatalog,
    readonly user: string,
    /** Where the person types `/maas create-cluster` (default #platform-requests). */
    readonly channel?: string,
  ) {}

  get slack(): SlackEmulator {
    return emulatorOf(this.stack);
  }

  /** The modal in front. */
  front(): ViewRecord {
    const view = this.slack.views(this.user).at(-1);
    if (!view) throw new Error(`${this.user} has no modal open.`);
    return view;
  }

  meta(): WizardMeta {
    const meta = decodeMeta(this.front().view.private_metadata);
    if (!meta) throw new Error('The modal in front is not a wizard step.');
    return meta;
  }

  /** The block id of a field's input in the view in front. */
  blockOf(fieldId: string): string {
    const actionId = fieldActionId(fieldId);
    const block = (this.front().view.blocks as unknown as Record<string, unknown>[]).find(
      (candidate) => (candidate.element as { action_id?: string } | undefined)?.action_id === actionId,
    );
    if (!block) throw new Error(`No field "${fieldId}" in step ${this.meta().step}.`);
    return String(block.block_id);
  }

  /** The input block of a field, as the bot sent it. */
  input(fieldId: string): Record<string, unknown> {
    const blockId = this.blockOf(fieldId);
    return (this.front().view.blocks as unknown as Record<string, unknown>[]).find(
      (b) => b.block_id === blockId,
    )!;
  }

  /** Entered values by field id → by block id. */
  values(entries: Record<string, EnteredValue>): EnteredValues {
    return Object.fromEntries(Object.entries(entries).map(([field, value]) => [this.blockOf(field), value]));
  }

  async open(text = 'create-cluster'): Promise<void> {
    const result = await this.slack.command(
      this.user,
      '/maas',
      text,
      this.channel ? { channel: this.channel } : {},
    );
    expect([result.status, result.body]).toEqual([200, undefined]);
    expect(this.meta().step).toBe('cluster');
  }

  submit(entries: Record<string, EnteredValue> = {}, options: { lenient?: boolean } = {}) {
    return this.slack.submit(this.user, this.front().id, this.values(entries), options);
  }

  click(actionId: string, choice?: EnteredValue, entries: Record<string, EnteredValue> = {}) {
    return this.slack.click(this.user, { viewId: this.front().id }, actionId, choice, this.values(entries));
  }

  suggest(fieldId: string, query = '') {
    return this.slack.suggest(this.user, this.front().id, fieldActionId(fieldId), query);
  }

  /** Picks a cloud account (a dispatch action: the bot re-renders step 1 so Domain belongs to it). */
  async pickAccount(account: CloudAccount = this.catalog.account): Promise<void> {
    const reply = await this.click(fieldActionId('account'), { value: account.uid, text: account.name });
    expect(reply.status).toBe(200);
    expect(this.blockOf('domain')).toContain(account.uid);
  }

  /** Fills and submits step 1 (valid unless `entries` say otherwise), in the first account unless told. */
  async cluster(
    entries: Record<string, EnteredValue> = {},
    options: { lenient?: boolean; other?: boolean } = {},
  ) {
    const { other, ...submitOptions } = options;
    await this.pickAccount(other ? this.catalog.otherAccount : this.catalog.account);
    const domain = (other ? this.catalog.otherDomains : this.catalog.domains)[0]!;
    return this.submit(
      {
        name: freshName(),
        description: 'Made by the wizard test',
        tags: 'team:a, dev',
        profile: { value: this.catalog.profile.uid, text: this.catalog.profile.name },
        domain: { value: domain, text: domain },
        ...entries,
      },
      submitOptions,
    );
  }

  /** Placement every pool needs (the rest has defaults). */
  placement(): Record<string, EnteredValue> {
    const pool = this.catalog.resourcePools[0]!;
    return { resourcePool: { value: pool, text: pool } };
  }

  /** Submits the control-plane step. */
  controlPlane(entries: Record<string, EnteredValue> = {}, options: { lenient?: boolean } = {}) {
    return this.submit({ ...this.placement(), ...entries }, options);
  }

  /** Fills the worker pool being edited and submits the worker-pools step. */
  workers(entries: Record<string, EnteredValue> = {}, options: { lenient?: boolean } = {}) {
    return this.submit({ ...this.placement(), ...entries }, options);
  }

  /** Goes through steps 1–4 with valid values and stops at the review. */
  async toReview(cluster: Record<string, EnteredValue> = {}): Promise<void> {
    await this.open();
    expect((await this.cluster(cluster)).outcome).toBe('updated');
    expect((await this.controlPlane()).outcome).toBe('updated');
    expect((await this.workers()).outcome).toBe('updated');
    expect((await this.submit()).outcome).toBe('updated');
    expect(this.meta().step).toBe('review');
  }
}
