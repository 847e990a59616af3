import type { ModalView } from '@slack/types';
import { ulid } from 'ulid';
import type { Deps } from '../../deps';
import type { LeaseSettings } from '../../domain/lease';
import type { ClusterSpec } from '../../domain/spec';
import { type QuotaView, quotaView } from '../../teams/quota';
import type { TeamScope } from '../../teams/scope';
import { packsStepView } from '../blocks/wizard/packs';
import { type ReviewCheck, reviewStepView } from '../blocks/wizard/review';
import { clusterStepView, controlPlaneStepView } from '../blocks/wizard/steps';
import { workersStepView } from '../blocks/wizard/workers';
import { type Catalog, catalogFor } from '../options/catalog';
import { type Assembled, assembleSpec } from './assemble';
import type { WizardData } from './draft';
import { choiceIn } from './form';
import { reviewExternalId, type StepId } from './ids';
import type { WizardMeta } from './metadata';
import { DEFAULT_CONTROL_PLANE, poolToEdit } from './workers';

/** A step to show: which, the pool to edit (worker pools), and a notice for the top of the view. */
export interface StepTarget {
  step: StepId;
  pool?: string;
  notice?: string;
}

/** A rendered step: the view, and the draft as it must be saved with it (rendering may add a pool, packs, a review). */
export interface Rendered {
  view: ModalView;
  data: WizardData;
  /** Set when a review was started: dispatch its review-draft job once the draft is saved. */
  review?: { revision: string; spec: ClusterSpec };
}

/** Where to send the person when the draft no longer makes a whole spec: that step (and pool), saying why. */
export function stepToFix(failed: Extract<Assembled, { ok: false }>): StepTarget {
  return {
    step: failed.step,
    ...(failed.pool ? { pool: failed.pool } : {}),
    notice: `Please check this step: ${Object.values(failed.problems).join(' ')}`,
  };
}

/** What the review shows besides the spec and Palette's check: the team's quota, a notice on top. */
export interface ReviewExtras {
  quota?: QuotaView;
  notice?: string;
  /** The team's lease rules, for the Lease field. */
  lease?: LeaseSettings;
}

/** The review view for a draft's spec, with Palette's check in the state given and the team's quota. */
export function reviewView(
  deps: Pick<Deps, 'maas'>,
  meta: Omit<WizardMeta, 'step' | 'pool'>,
  spec: ClusterSpec,
  revision: string,
  check: ReviewCheck,
  extras: ReviewExtras = {},
): ModalView {
  return reviewStepView({
    meta: { ...meta, step: 'review' },
    spec,
    check,
    maasConfigured: deps.maas !== undefined,
    externalId: reviewExternalId(meta.draftId, revision),
    ...extras,
  });
}

/** The request against its team's quota at review: pending requests count (`quotaView`). */
export function reviewQuota(deps: Pick<Deps, 'store'>, scope: Pick<TeamScope, 'team'>, spec: ClusterSpec) {
  return quotaView(deps, scope.team, spec, 'review');
}

/**
 * Builds the view of a step from the draft, for the team of the channel it was started in. The pack-values step
 * loads the profile's packs from `catalog` (cached, within its budget: a submission passes its own, so its earlier
 * reads count against the same deadline); the review starts a new review revision and shows the team's quota, or
 * — when an earlier step no longer parses — sends the person back there with the reason.
 */
export async function renderStep(
  deps: Deps,
  scope: TeamScope,
  draftId: string,
  data: WizardData,
  target: StepTarget,
  catalog: Catalog = catalogFor(deps, scope),
): Promise<Rendered> {
  const meta: WizardMeta = { draftId, step: target.step, channel: data.channel };
  const notice = target.notice ? { notice: target.notice } : {};
  switch (target.step) {
    case 'cluster':
      return { data, view: clusterStepView({ meta, form: data.cluster, ...notice }) };
    case 'control-plane': {
      const form = Object.keys(data.controlPlane).length > 0 ? data.controlPlane : DEFAULT_CONTROL_PLANE;
      return { data, view: controlPlaneStepView({ meta, form, ...notice }) };
    }
    case 'workers': {
      const edited = poolToEdit(data, target.pool);
      return {
        data: edited.data,
        view: workersStepView({
          meta: { ...meta, pool: edited.key },
          workers: edited.data.workers,
          ...notice,
        }),
      };
    }
    case 'packs': {
      const profileUid = choiceIn(data.cluster, 'profile')?.value;
      const packs = profileUid ? await catalog.packs(profileUid) : undefined;
      const loaded: WizardData =
        packs && profileUid
          ? {
              ...data,
              packs: { profileUid, names: packs.map((pack) => pack.name) },
              packValues: Object.fromEntries(
                packs
                  .map((pack) => [pack.name, data.packValues[pack.name] ?? ''])
                  .filter(([, text]) => text !== ''),
              ),
            }
          : data;
      return {
        data: loaded,
        view: packsStepView({
          meta,
          packs,
          overrides: loaded.packValues,
          management: loaded.management,
          ...notice,
        }),
      };
    }
    case 'review': {
      const assembled = assembleSpec(data);
      if (!assembled.ok) return renderStep(deps, scope, draftId, data, stepToFix(assembled), catalog);
      const revision = ulid();
      const quota = await reviewQuota(deps, scope, assembled.spec);
      return {
        data: { ...data, review: { revision } },
        view: reviewView(
          deps,
          meta,
          assembled.spec,
          revision,
          { kind: 'pending' },
          { quota, lease: scope.team.lease, ...notice },
        ),
        review: { revision, spec: assembled.spec },
      };
    }
  }
}
