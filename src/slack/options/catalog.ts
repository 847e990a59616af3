import type { Deps } from '../../deps';
import { truncate } from '../../domain/text';
import type { Palette, ProfilePack } from '../../palette/port';
import { PALETTE_READ_BUDGET_MS, withinBudget } from '../budget';
import type { Choice, OptionSource } from '../wizard/fields';

/** How long Palette's lists are reused: choices change rarely, and a stale one is caught by Palette's dry-run. */
export const CATALOG_TTL_MS = 60_000;
/** Entries kept at most (per Palette client), so crafted account ids cannot grow the cache without end. */
const MAX_ENTRIES = 500;
/** Slack's longest option value and text. */
const MAX_VALUE = 150;
const MAX_TEXT = 75;

/** Palette's lists the wizard offers and checks against, cached briefly and read within a time budget. */
export interface Catalog {
  /** A source's choices (account-scoped sources need the account); undefined when Palette did not answer in time. */
  choices(source: OptionSource, accountUid?: string): Promise<Choice[] | undefined>;
  /** A profile's packs with their values.yaml; undefined when Palette did not answer in time. */
  packs(profileUid: string): Promise<ProfilePack[] | undefined>;
}

const named = (names: string[]): Choice[] => names.map((name) => ({ value: name, text: name }));

/** The Palette call behind each source. */
function load(palette: Palette, source: OptionSource, accountUid: string): Promise<Choice[]> {
  switch (source) {
    case 'profiles':
      return palette.listMaasProfiles().then((profiles) =>
        profiles.map((profile) => ({
          value: profile.uid,
          text: profile.version ? `${profile.name} ${profile.version}` : profile.name,
        })),
      );
    case 'accounts':
      return palette
        .listMaasAccounts()
        .then((accounts) => accounts.map((account) => ({ value: account.uid, text: account.name })));
    case 'domains':
      return palette.accountDomains(accountUid).then(named);
    case 'zones':
      return palette.accountZones(accountUid).then(named);
    case 'resourcePools':
      return palette.accountResourcePools(accountUid).then(named);
    case 'machineTags':
      return palette.accountMachineTags(accountUid).then(named);
  }
}

/** Whether a source's choices depend on the cloud account. */
export function isAccountScoped(source: OptionSource): boolean {
  return source !== 'profiles' && source !== 'accounts';
}

/** Keeps what Slack can show: values it can carry, texts cut to its limit. */
const fitForSlack = (choices: Choice[]): Choice[] =>
  choices
    .filter((choice) => choice.value.length > 0 && choice.value.length <= MAX_VALUE)
    .map((choice) => ({ value: choice.value, text: truncate(choice.text || choice.value, MAX_TEXT) }));

/** A catalog over one Palette client, with its own cache. */
export function createCatalog(
  deps: Pick<Deps, 'palette' | 'logger' | 'now'>,
  options: { ttlMs?: number; budgetMs?: number } = {},
): Catalog {
  const ttlMs = options.ttlMs ?? CATALOG_TTL_MS;
  const budgetMs = options.budgetMs ?? PALETTE_READ_BUDGET_MS;
  const entries = new Map<string, { at: number; value: Promise<unknown> }>();

  /** The cached (or in-flight) answer for `key`, else a new call; failures are forgotten so the next try asks. */
  function cached<T>(key: string, call: () => Promise<T>): Promise<T | undefined> {
    const now = deps.now().getTime();
    const hit = entries.get(key);
    if (hit && now - hit.at < ttlMs) return withinBudget(hit.value as Promise<T>, budgetMs);
    const value = call();
    const entry = { at: now, value };
    entries.delete(key);
    entries.set(key, entry);
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    value.catch((error: unknown) => {
      if (entries.get(key) === entry) entries.delete(key);
      deps.logger.warn('Palette did not answer a wizard lookup', {
        lookup: key.split(':')[0],
        error: error instanceof Error ? error.message : String(error),
      });
    });
    return withinBudget(value, budgetMs);
  }

  return {
    choices: (source, accountUid = '') =>
      cached(`${source}:${accountUid}`, () => load(deps.palette, source, accountUid).then(fitForSlack)),
    packs: (profileUid) => cached(`packs:${profileUid}`, () => deps.palette.profilePacks(profileUid)),
  };
}

/**
 * `catalog` for one request: every read is waited on only until one deadline, `budgetMs` from now, so reads made
 * one after another (checks, then the next step's packs) together stay inside Slack's 3-second window.
 */
export function withDeadline(catalog: Catalog, budgetMs: number = PALETTE_READ_BUDGET_MS): Catalog {
  const deadline = Date.now() + budgetMs;
  const left = () => Math.max(0, deadline - Date.now());
  return {
    choices: (source, accountUid) => withinBudget(catalog.choices(source, accountUid), left()),
    packs: (profileUid) => withinBudget(catalog.packs(profileUid), left()),
  };
}

/** One catalog per Palette client for the life of the process (or Lambda container). */
const catalogs = new WeakMap<Palette, Catalog>();

/** The shared catalog of these deps' Palette client. */
export function catalogFor(deps: Pick<Deps, 'palette' | 'logger' | 'now'>): Catalog {
  let catalog = catalogs.get(deps.palette);
  if (!catalog) {
    catalog = createCatalog(deps);
    catalogs.set(deps.palette, catalog);
  }
  return catalog;
}
