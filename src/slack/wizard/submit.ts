import type { ViewErrorsResponseAction, ViewOutput, ViewResponseAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { ulid } from 'ulid';
import type { Deps } from '../../deps';
import { requestedLease } from '../../domain/lease';
import { approvalExpiresAt } from '../../domain/policy';
import { truncate } from '../../domain/text';
import { NameTakenError } from '../../store/port';
import { scopeOfChannel, type TeamScope } from '../../teams/scope';
import { requestSubmittedView, wizardGoneView, wizardNoTeamView } from '../blocks/wizard/done';
import { chosenLease, type LeaseChoice } from '../blocks/wizard/lease';
import { type Catalog, catalogFor, withDeadline } from '../options/catalog';
import { assembleSpec } from './assemble';
import { checkClusterBasics, checkPoolPlacement, profileProblem } from './checks';
import { loadWizard, newWizardData, saveWizard, type WizardData } from './draft';
import { choiceIn, type Problems, textOf } from './form';
import { decodeMeta, type WizardMeta } from './metadata';
import { parseClusterForm } from './parse/cluster';
import type { StepParse } from './parse/issues';
import { parseManagementForm } from './parse/management';
import { parsePackOverrideTexts } from './parse/packs';
import { parseControlPlaneForm, parseWorkerForm } from './parse/pool';
import { renderStep, reviewQuota, reviewView, type StepTarget, stepToFix } from './render';
import { type CapturedStep, captureStep, shownPackNames } from './step-form';
import { parseWorkerPools } from './workers';

/** Slack shows field errors under the input; keep them short. */
const ERROR_TEXT = 500;

const update = (view: ModalView): ViewResponseAction => ({ response_action: 'update', view });

/** One submission being handled. */
interface Submission {
  deps: Deps;
  /** The team of the channel the wizard was started in. */
  scope: TeamScope;
  userId: string;
  meta: WizardMeta;
  /** The submitted view's id, for the review-draft job. */
  viewId: string;
  /** Palette's lists, all read within one budget for this submission (it must be acked within 3 s). */
  catalog: Catalog;
}

/** Problems as Slack's inline errors, or undefined when one belongs to a field the view does not have. */
function inlineErrors(
  problems: Problems,
  blockIds: Record<string, string>,
): ViewErrorsResponseAction | undefined {
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(problems)) {
    const blockId = blockIds[field];
    if (blockId === undefined) return undefined;
    errors[blockId] = truncate(message, ERROR_TEXT);
  }
  return { response_action: 'errors', errors };
}

/** Renders a step, saves the draft with it, and starts the review job when the step is the review. */
async function show(sub: Submission, data: WizardData, target: StepTarget): Promise<ViewResponseAction> {
  const { deps, meta, userId } = sub;
  const rendered = await renderStep(deps, sub.scope, meta.draftId, data, target, sub.catalog);
  await saveWizard(deps, meta.draftId, userId, rendered.data);
  const { review } = rendered;
  if (!review) return update(rendered.view);
  try {
    await deps.jobs.dispatch({ kind: 'review-draft', draftId: meta.draftId, viewId: sub.viewId });
    return update(rendered.view);
  } catch (error) {
    deps.logger.warn('Could not start the review of a draft', { error: String(error) });
    const where = { draftId: meta.draftId, channel: rendered.data.channel };
    const quota = await reviewQuota(deps, sub.scope, review.spec);
    return update(
      reviewView(
        deps,
        where,
        review.spec,
        review.revision,
        { kind: 'unavailable' },
        { quota, lease: sub.scope.team.lease },
      ),
    );
  }
}

/** Refuses the submitted step: inline errors, or — for a field missing from the view — the step again with why. */
function refuse(sub: Submission, captured: CapturedStep, problems: Problems): Promise<ViewResponseAction> {
  const errors = inlineErrors(problems, captured.read.blockIds);
  if (errors) return Promise.resolve(errors);
  return show(sub, captured.data, {
    step: sub.meta.step,
    ...(captured.pool ? { pool: captured.pool } : {}),
    notice: Object.values(problems).join(' '),
  });
}

const hasAny = (problems: Problems) => Object.keys(problems).length > 0;

/** Structural problems from reading the view win over what the parser says about the same field. */
const merged = (captured: CapturedStep, parsed: StepParse<unknown>): Problems => ({
  ...(parsed.ok ? {} : parsed.problems),
  ...captured.read.problems,
});

async function submitCluster(sub: Submission, captured: CapturedStep) {
  const parsed = parseClusterForm(captured.data.cluster);
  const problems = merged(captured, parsed);
  if (hasAny(problems) || !parsed.ok) return refuse(sub, captured, problems);
  const outside = await checkClusterBasics(sub.deps, sub.scope, sub.catalog, parsed.value);
  if (hasAny(outside)) return refuse(sub, captured, outside);
  return show(sub, captured.data, { step: 'control-plane' });
}

async function submitControlPlane(sub: Submission, captured: CapturedStep) {
  const parsed = parseControlPlaneForm(captured.data.controlPlane);
  const problems = merged(captured, parsed);
  if (hasAny(problems) || !parsed.ok) return refuse(sub, captured, problems);
  const account = choiceIn(captured.data.cluster, 'account')?.value;
  const outside = account ? await checkPoolPlacement(sub.catalog, account, parsed.value) : {};
  if (hasAny(outside)) return refuse(sub, captured, outside);
  return show(sub, captured.data, { step: 'workers' });
}

/**
 * A worker pool has problems: inline errors when it is the pool on screen, else that pool is shown with what is
 * wrong (its inputs are not in this view, so Slack cannot mark them).
 */
function poolRefused(sub: Submission, captured: CapturedStep, key: string, problems: Problems) {
  if (key === captured.pool) return refuse(sub, captured, problems);
  const pool = captured.data.workers.find((entry) => entry.key === key);
  const name = textOf(pool?.form ?? {}, 'name') || 'unnamed';
  return show(sub, captured.data, {
    step: 'workers',
    pool: key,
    notice: `Worker pool "${name}": ${Object.values(problems).join(' ')}`,
  });
}

async function submitWorkers(sub: Submission, captured: CapturedStep) {
  const { data, pool } = captured;
  const edited = data.workers.find((entry) => entry.key === pool)!;
  const problems = merged(captured, parseWorkerForm(edited.form));
  if (hasAny(problems)) return refuse(sub, captured, problems);
  const all = parseWorkerPools(data, pool);
  if (!all.ok) return poolRefused(sub, captured, all.key, all.problems);
  // The packs step's read starts beside the placement checks, so the render below finds it in the catalog's cache.
  const profileUid = choiceIn(data.cluster, 'profile')?.value;
  if (profileUid) void sub.catalog.packs(profileUid);
  const account = choiceIn(data.cluster, 'account')?.value;
  if (account) {
    const placements = await Promise.all(
      data.workers.map(async (entry, index) => ({
        key: entry.key,
        problems: await checkPoolPlacement(sub.catalog, account, all.pools[index]!),
      })),
    );
    const misplaced =
      placements.find((entry) => entry.key === pool && hasAny(entry.problems)) ??
      placements.find((entry) => hasAny(entry.problems));
    if (misplaced) return poolRefused(sub, captured, misplaced.key, misplaced.problems);
  }
  return show(sub, data, { step: 'packs' });
}

async function submitPacks(sub: Submission, captured: CapturedStep) {
  const { data } = captured;
  const profileUid = choiceIn(data.cluster, 'profile')?.value;
  const profilePacks = profileUid ? await sub.catalog.packs(profileUid) : undefined;
  const overrides = parsePackOverrideTexts(shownPackNames(data), data.packValues, profilePacks);
  const management = parseManagementForm(data.management);
  const problems = { ...(overrides.ok ? {} : overrides.problems), ...merged(captured, management) };
  if (hasAny(problems)) return refuse(sub, captured, problems);
  return show(sub, data, { step: 'review' });
}

/**
 * The final submit: the whole spec checked with ClusterSpecSchema, the profile against the team's (a draft lives a
 * day: the teams file may have changed) and the request against the team's quota, then stored as
 * PENDING_APPROVAL for the team (reserving the name), the `review` job dispatched (it posts the "request
 * submitted" message and the approval card), the draft deleted. A name taken meanwhile sends the person back to
 * step 1 with the reason; a request over the quota stays on the review, with the numbers.
 */
async function submitReview(
  sub: Submission,
  data: WizardData,
  leaseChoice: LeaseChoice | undefined,
): Promise<ViewResponseAction> {
  const { deps, meta, userId, scope } = sub;
  const assembled = assembleSpec(data);
  if (!assembled.ok) return show(sub, data, stepToFix(assembled));
  const { spec } = assembled;
  const profile = await profileProblem(sub.catalog, scope.team, spec.profileUid);
  if (profile) return show(sub, data, { step: 'cluster', notice: profile });
  const quota = await reviewQuota(deps, scope, spec);
  if (!quota.verdict.ok)
    return show(sub, data, { step: 'review', notice: `${quota.verdict.reason} ${quota.verdict.hint}` });
  const id = ulid();
  const requestedAt = deps.now().toISOString();
  try {
    await deps.store.create({
      id,
      name: spec.name,
      team: scope.team.name,
      ...(scope.team.paletteProjectUid ? { paletteProjectUid: scope.team.paletteProjectUid } : {}),
      spec,
      requester: userId,
      requestedAt,
      expiresAt: approvalExpiresAt(requestedAt, deps.config.policy),
      slack: { channel: data.channel },
      ...(data.review?.findings ? { review: data.review.findings } : {}),
      lease: requestedLease(leaseChoice, scope.team.lease),
    });
  } catch (error) {
    if (!(error instanceof NameTakenError)) throw error;
    return show(sub, data, {
      step: 'cluster',
      notice: `The name "${spec.name}" was just taken by another request; choose another name.`,
    });
  }
  try {
    await deps.jobs.dispatch({ kind: 'review', clusterId: id });
  } catch (error) {
    // The record is stored first; the reconciler's sweep finds a request whose review never ran.
    deps.logger.warn('Could not dispatch the review of a new request', {
      clusterId: id,
      error: String(error),
    });
  }
  await deps.store.deleteDraft(meta.draftId);
  return update(requestSubmittedView(spec.name, data.channel));
}

/**
 * Handles a submission of any wizard step: reads the view into the draft, validates with the domain's parsers and
 * schemas (and, for step 1, the name's availability), and answers `update` with the next step or `errors` keyed
 * by block id. A view whose draft is gone gets a closing notice, never an error.
 */
export async function submitWizardStep(
  deps: Deps,
  view: ViewOutput,
  userId: string,
): Promise<ViewResponseAction> {
  const meta = decodeMeta(view.private_metadata);
  if (!meta) return update(wizardGoneView());
  const stored = await loadWizard(deps.store, meta.draftId, userId);
  const data = stored ?? (meta.step === 'cluster' ? newWizardData(meta.channel) : undefined);
  if (!data) return update(wizardGoneView());
  // The draft's channel, kept server-side, says whose request this is.
  const scope = scopeOfChannel(deps, data.channel);
  if (!scope) return update(wizardNoTeamView(data.channel));
  const catalog = withDeadline(catalogFor(deps, scope));
  const sub: Submission = { deps, scope, userId, meta, viewId: view.id, catalog };
  const captured = captureStep(data, meta, view);
  switch (meta.step) {
    case 'cluster':
      return submitCluster(sub, captured);
    case 'control-plane':
      return submitControlPlane(sub, captured);
    case 'workers':
      return submitWorkers(sub, captured);
    case 'packs':
      return submitPacks(sub, captured);
    case 'review':
      return submitReview(sub, data, chosenLease(view));
  }
}
