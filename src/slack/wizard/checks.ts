import type { Deps } from '../../deps';
import { isTerminal, STATE_LABELS } from '../../domain/lifecycle';
import type { ClusterBasics, ControlPlanePool, WorkerPool } from '../../domain/spec';
import type { Team } from '../../domain/team';
import type { TeamScope } from '../../teams/scope';
import { PALETTE_READ_BUDGET_MS, withinBudget } from '../budget';
import type { Catalog } from '../options/catalog';
import type { Choice } from './fields';
import type { Problems } from './form';

const offered = (choices: Choice[] | undefined, value: string) =>
  choices === undefined || choices.some((choice) => choice.value === value);

/**
 * Why the team may not use the profile, or undefined when it may. A team limited to some profiles is checked even
 * when Palette is late (then refused, to be tried again): the limit must hold, whatever the submission carries.
 */
export async function profileProblem(
  catalog: Catalog,
  team: Pick<Team, 'name' | 'profiles'>,
  profileUid: string,
): Promise<string | undefined> {
  const profiles = await catalog.profiles();
  if (profiles === undefined)
    return team.profiles === undefined
      ? undefined
      : `Palette did not answer in time, so the profile could not be checked against ${team.name}'s; try again.`;
  if (profiles.some((profile) => profile.uid === profileUid)) return undefined;
  return team.profiles === undefined
    ? 'Choose a cluster profile from the list.'
    : `${team.name} may use only these cluster profiles: ${team.profiles.join(', ')}. Choose one from the list.`;
}

/**
 * Step 1's checks that need the outside, side by side within Palette's budget: the name is not held by a live
 * request (the store) nor taken in the team's Palette project (`nameProblem`), the profile is one the team may use
 * (`profileProblem`), and the account and domain are among Palette's. When Palette does not answer in time the
 * account and domain stand: Palette's dry-run at review still checks them.
 */
export async function checkClusterBasics(
  deps: Pick<Deps, 'store'>,
  scope: Pick<TeamScope, 'palette' | 'team'>,
  catalog: Catalog,
  basics: ClusterBasics,
): Promise<Problems> {
  const [holder, paletteProblem, profile, accounts, domains] = await Promise.all([
    deps.store.findByName(basics.name),
    withinBudget(scope.palette.nameProblem(basics.name), PALETTE_READ_BUDGET_MS),
    profileProblem(catalog, scope.team, basics.profileUid),
    catalog.choices('accounts'),
    catalog.choices('domains', basics.cloudAccountUid),
  ]);
  const problems: Problems = {};
  if (holder && !isTerminal(holder.state))
    problems.name = `"${basics.name}" is already requested (${STATE_LABELS[holder.state].toLowerCase()}); choose another name.`;
  else if (paletteProblem) problems.name = paletteProblem;
  if (profile) problems.profile = profile;
  if (!offered(accounts, basics.cloudAccountUid)) problems.account = 'Choose a cloud account from the list.';
  else if (!offered(domains, basics.domain))
    problems.domain = `Choose a domain of ${basics.cloudAccountName ?? 'this cloud account'} from the list.`;
  return problems;
}

/** A pool's zones, resource pool and MAAS tags must be the cloud account's (checked as for step 1). */
export async function checkPoolPlacement(
  catalog: Catalog,
  accountUid: string,
  pool: ControlPlanePool | WorkerPool,
): Promise<Problems> {
  const [zones, resourcePools, machineTags] = await Promise.all([
    catalog.choices('zones', accountUid),
    catalog.choices('resourcePools', accountUid),
    catalog.choices('machineTags', accountUid),
  ]);
  const problems: Problems = {};
  const unknownZone = pool.azs.find((zone) => !offered(zones, zone));
  if (unknownZone !== undefined)
    problems.azs = `Zone "${unknownZone}" is not in this cloud account; choose from the list.`;
  if (!offered(resourcePools, pool.resourcePool))
    problems.resourcePool = 'Choose a resource pool from the list.';
  const unknownTag = pool.machineTags?.find((tag) => !offered(machineTags, tag));
  if (unknownTag !== undefined)
    problems.machineTags = `MAAS tag "${unknownTag}" is not known to this cloud account; choose from the list.`;
  return problems;
}
