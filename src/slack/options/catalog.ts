import type { Deps } from '../../deps';
import { profileAllowed, type Team } from '../../domain/team';
import { truncate } from '../../domain/text';
import type { Palette, ProfilePack, ProfileSummary } from '../../palette/port';
import type { TeamScope } from '../../teams/scope';
import { PALETTE_READ_BUDGET_MS, withinBudget } from '../budget';
import type { Choice, OptionSource } from '../wizard/fields';

/** How long Palette's lists are reused: choices change rarely, and a stale one is caught by Palette's dry-run. */
export const CATALOG_TTL_MS = 60_000;
/** Entries kept at most (per Palette client), so crafted account ids cannot grow the cache without end. */
const MAX_ENTRIES = 500;
/** Slack's longest option value and text. */
const MAX_VALUE = 150;
const MAX_TEXT = 75;

/**
 * Palette's lists the wizard offers and checks against, cached briefly and read within a time budget; a team's
 * catalog (`catalogFor`) offers only the profiles the team may use.
 */
export interface Catalog {
  /** A source's choices (account-scoped sources need the account); undefined when Palette did not answer in time. */
  choices(source: OptionSource, accountUid?: string): Promise<Choice[] | undefined>;
  /** A profile's packs with their values.yaml; undefined when Palette did not answer in time. */
  packs(profileUid: string): Promise<ProfilePack[] | undefined>;
  /** The MAAS cluster profiles offered; undefined when Palette did not answer in time. */
  profiles(): Promise<ProfileSummary[] | undefined>;
}

const named = (names: string[]): Choice[] => names.map((name) => ({ value: name, text: name }));

/** Keeps what Slack can show: values it can carry, texts cut to its limit. */
const fitForSlack = (choices: Choice[]): Choice[] =>
  choices
    .filter((choice) => choice.value.length > 0 && choice.value.length <= MAX_VALUE)
    .map((choice) => ({ value: choice.value, text: truncate(choice.text || choice.value, MAX_TEXT) }));

/** Profiles as the picker shows them: "name version" (undefined stays undefined: Palette was late). */
const profileChoices = (profiles: ProfileSummary[] | undefined): Choice[] | undefined =>
  profiles &&
  fitForSlack(
    profiles.map((profile) => ({
      value: profile.uid,
      text: profile.version ? `${profile.name} ${profile.version}` : profile.name,
    })),
  );

/** The Palette call behind each source but the profiles (`Catalog.profiles`). */
function load(
  palette: Palette,
  source: Exclude<OptionSource, 'profiles'>,
  accountUid: string,
): Promise<Choice[]> {
  switch (source) {
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

/** A catalog over one Palette client, with its own cache. */
export function createCatalog(
  deps: Pick<Deps, 'logger' | 'now'> & { palette: Palette },
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

  const profiles = () => cached('profiles', () => deps.palette.listMaasProfiles());
  return {
    choices: (source, accountUid = '') =>
      source === 'profiles'
        ? profiles().then(profileChoices)
        : cached(`${source}:${accountUid}`, () => load(deps.palette, source, accountUid).then(fitForSlack)),
    packs: (profileUid) => cached(`packs:${profileUid}`, () => deps.palette.profilePacks(profileUid)),
    profiles,
  };
}

/** `catalog` as `team` sees it: only the profiles the team may use are offered (and pass the checks). */
function forTeam(catalog: Catalog, team: Pick<Team, 'profiles'>): Catalog {
  if (team.profiles === undefined) return catalog;
  const profiles = async () =>
    (await catalog.profiles())?.filter((profile) => profileAllowed(team, profile.name));
  return {
    choices: (source, accountUid) =>
      source === 'profiles' ? profiles().then(profileChoices) : catalog.choices(source, accountUid),
    packs: (profileUid) => catalog.packs(profileUid),
    profiles,
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
    profiles: () => withinBudget(catalog.profiles(), left()),
  };
}

/** One catalog per Palette client (so per project) for the life of the process (or Lambda container). */
const catalogs = new WeakMap<Palette, Catalog>();

/** The catalog of a team: its project's shared catalog, offering only the profiles the team may use. */
export function catalogFor(
  deps: Pick<Deps, 'logger' | 'now'>,
  scope: Pick<TeamScope, 'palette' | 'team'>,
): Catalog {
  let catalog = catalogs.get(scope.palette);
  if (!catalog) {
    catalog = createCatalog({ ...deps, palette: scope.palette });
    catalogs.set(scope.palette, catalog);
  }
  return forTeam(catalog, scope.team);
}
