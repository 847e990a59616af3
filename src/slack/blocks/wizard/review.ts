import type { KnownBlock, ModalView } from '@slack/types';
import type { ReviewFindings } from '../../../domain/cluster';
import { moneyText } from '../../../domain/figures';
import type { LeaseSettings } from '../../../domain/lease';
import type { ClusterSpec } from '../../../domain/spec';
import { escapeText, truncate } from '../../../domain/text';
import type { QuotaView } from '../../../teams/quota';
import type { WizardMeta } from '../../wizard/metadata';
import { warningLines } from '../cluster-facts';
import { section, wizardModal } from './frame';
import { leaseInput } from './lease';
import { basicsFields, managementSummary, packOverridesSummary, poolSummary } from './summary';

/** Where Palette's check stands: still running, done, or not started (the job could not be sent). */
export type ReviewCheck =
  | { kind: 'pending' }
  | { kind: 'done'; findings: ReviewFindings }
  | { kind: 'unavailable' };

/** What the review step shows. */
export interface ReviewStep {
  meta: WizardMeta;
  spec: ClusterSpec;
  check: ReviewCheck;
  /** Whether MAAS is configured, so its capacity check is expected. */
  maasConfigured: boolean;
  externalId: string;
  notice?: string;
  /** The request against the team's quota (pending requests count at review). */
  quota?: QuotaView;
  /** The team's lease rules: the Lease field offers their choices. */
  lease?: LeaseSettings;
}

const WAITING = ':hourglass_flowing_sand: Checking with Palette…';
const MESSAGE = 300;

const lines = (items: string[]) => items.map((item) => `• ${escapeText(truncate(item, MESSAGE))}`).join('\n');

/** Palette's answers (or placeholders while they come). */
function checkBlocks(check: ReviewCheck, maasConfigured: boolean): KnownBlock[] {
  if (check.kind === 'unavailable')
    return [
      section(
        ':grey_question: Palette’s check could not be started; approvers will see it on the approval card.',
      ),
    ];
  if (check.kind === 'pending')
    return [
      section(`*Validation*\n${WAITING}`, 'wz.review.validation'),
      section(`*Cost estimate*\n${WAITING}`, 'wz.review.estimate'),
      ...(maasConfigured
        ? [section('*MAAS capacity*\n:hourglass_flowing_sand: Checking with MAAS…', 'wz.review.capacity')]
        : []),
    ];
  const { validation, estimate, capacity } = check.findings;
  const warnings = warningLines(check.findings);
  const perPool =
    estimate?.perPool.map((pool) => `${pool.name}: ${moneyText(pool.total, estimate.currency)}`) ?? [];
  return [
    section(
      validation.ok
        ? '*Validation*\n:white_check_mark: Palette’s dry run accepts this request.'
        : `*Validation*\n:x: Palette’s dry run found problems:\n${lines(validation.messages)}`,
      'wz.review.validation',
    ),
    ...(warnings.length > 0
      ? [section(`*Before you submit*\n${warnings.join('\n')}`, 'wz.review.warnings')]
      : []),
    section(
      estimate
        ? `*Cost estimate*\nAbout *${moneyText(estimate.total, estimate.currency)} a month*${perPool.length ? `\n${lines(perPool)}` : ''}`
        : '*Cost estimate*\nPalette gave no estimate.',
      'wz.review.estimate',
    ),
    ...(capacity
      ? [
          section(
            `*MAAS capacity*\n${capacity.ok ? ':white_check_mark: Enough Ready machines.' : ':warning: Not enough Ready machines for every pool.'}\n${lines(capacity.lines)}${capacity.counted ? `\n_${escapeText(truncate(capacity.counted, MESSAGE))}_` : ''}`,
            'wz.review.capacity',
          ),
        ]
      : maasConfigured
        ? [section('*MAAS capacity*\nMAAS could not be checked.', 'wz.review.capacity')]
        : []),
  ];
}

/** The team's quota: the usage line, and why the request does not fit (Submit is refused then). */
function quotaBlocks(quota: QuotaView | undefined): KnownBlock[] {
  if (!quota || (quota.verdict.ok && !quota.line)) return [];
  const lines = quota.line ? [escapeText(quota.line)] : [];
  if (!quota.verdict.ok)
    lines.push(`:no_entry: ${escapeText(quota.verdict.reason)} ${escapeText(quota.verdict.hint)}`);
  return [section(`*Team quota*\n${lines.join('\n')}`, 'wz.review.quota')];
}

/**
 * Step 5: the whole request summarised, the team's quota, then Palette's dry-run validation, the cost estimate and
 * the MAAS capacity check (placeholders until the review-draft job fills them in). Submitting sends the request
 * for approval.
 */
export function reviewStepView(step: ReviewStep): ModalView {
  const { spec } = step;
  return wizardModal({
    meta: step.meta,
    externalId: step.externalId,
    ...(step.notice ? { notice: step.notice } : {}),
    blocks: [
      {
        type: 'section',
        block_id: 'wz.review.basics',
        fields: basicsFields(spec).map((text) => ({ type: 'mrkdwn', text })),
      },
      section(`*Control plane*\n${poolSummary(spec.controlPlane)}`, 'wz.review.cp'),
      ...spec.workerPools.map((pool, index) =>
        section(`*Worker pool ${index + 1}*\n${poolSummary(pool)}`, `wz.review.wp.${index}`),
      ),
      section(`*Pack values*\n${packOverridesSummary(spec)}`, 'wz.review.packs'),
      section(`*Management*\n${managementSummary(spec)}`, 'wz.review.management'),
      ...quotaBlocks(step.quota),
      ...(step.lease ? [leaseInput(step.lease)] : []),
      { type: 'divider' },
      ...checkBlocks(step.check, step.maasConfigured),
    ],
  });
}
