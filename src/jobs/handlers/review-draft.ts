import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode, type WebAPIPlatformError } from '@slack/web-api';
import type { Deps } from '../../deps';
import type { ReviewFindings } from '../../domain/cluster';
import type { ClusterSpec } from '../../domain/spec';
import { assembleSpec } from '../../slack/wizard/assemble';
import { readWizardDraft, saveWizard } from '../../slack/wizard/draft';
import { reviewExternalId } from '../../slack/wizard/ids';
import { reviewQuota, reviewView } from '../../slack/wizard/render';
import { scopeOfChannel, type TeamScope } from '../../teams/scope';
import type { JobHandler } from '../handler';
import { reviewFindings } from '../review-findings';

/**
 * Waits between tries of the view update. The job may run before Slack has shown the review view the listener
 * answered with (its `update` travels back through Slack), so `not_found` is tried again for a few seconds.
 */
const UPDATE_WAITS_MS = [250, 500, 1_000, 2_000];

/** The review still waiting for these findings, or undefined when the person moved on (Back, cancel, submit). */
async function currentReview(deps: Deps, draftId: string, revision: string) {
  const draft = await readWizardDraft(deps.store, draftId);
  return draft?.data.review?.revision === revision ? draft : undefined;
}

const notFound = (error: unknown) =>
  (error as { code?: unknown }).code === ErrorCode.PlatformError &&
  (error as WebAPIPlatformError).data.error === 'not_found';

/**
 * Shows the findings in the review view, found by its external id — which names the review revision, so a view
 * that has moved on (Back, a newer review, the confirmation) is never overwritten: Slack answers `not_found`.
 * (A listener's `response_action: update` gives no hash to guard with; the external id does the same job.)
 */
async function showFindings(
  deps: Deps,
  scope: TeamScope,
  draftId: string,
  revision: string,
  spec: ClusterSpec,
  findings: ReviewFindings,
  channel: string,
): Promise<void> {
  const external_id = reviewExternalId(draftId, revision);
  const quota = await reviewQuota(deps, scope, spec);
  const view = reviewView(
    deps,
    { draftId, channel },
    spec,
    revision,
    { kind: 'done', findings },
    { quota, lease: scope.team.lease },
  );
  for (let attempt = 0; ; attempt++) {
    try {
      await deps.slack.views.update({ external_id, view });
      return;
    } catch (error) {
      if (!notFound(error)) throw error;
      const wait = UPDATE_WAITS_MS[attempt];
      if (wait === undefined || !(await currentReview(deps, draftId, revision))) {
        deps.logger.info('The review view is closed or has moved on; findings kept in the draft only.');
        return;
      }
      await sleep(wait);
    }
  }
}

/**
 * The wizard's review step: in the team's Palette project, Palette's dry run, the cost estimate and the MAAS capacity check for the draft's spec,
 * saved in the draft (the final submit stores them with the request) and shown in the review view. Idempotent: a
 * draft that is gone, or whose review revision has changed, is left alone.
 */
export const reviewDraft: JobHandler<'review-draft'> = async (job, deps) => {
  const draft = await readWizardDraft(deps.store, job.draftId);
  const review = draft?.data.review;
  if (!draft || !review) return;
  const assembled = assembleSpec(draft.data);
  const scope = scopeOfChannel(deps, draft.data.channel);
  if (!assembled.ok || !scope) return;
  const findings = review.findings ?? (await reviewFindings(deps, scope.palette, assembled.spec));
  const latest = await currentReview(deps, job.draftId, review.revision);
  if (!latest) return;
  if (!latest.data.review?.findings)
    await saveWizard(deps, job.draftId, latest.userId, {
      ...latest.data,
      review: { revision: review.revision, findings },
    });
  await showFindings(
    deps,
    scope,
    job.draftId,
    review.revision,
    assembled.spec,
    findings,
    latest.data.channel,
  );
};
