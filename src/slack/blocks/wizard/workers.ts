import type { Button, KnownBlock, ModalView } from '@slack/types';
import { MAX_WORKER_POOLS } from '../../../domain/spec';
import type { WorkerEntry } from '../../wizard/draft';
import { WORKER_FIELDS } from '../../wizard/fields';
import { WIZARD_ACTIONS } from '../../wizard/ids';
import type { WizardMeta } from '../../wizard/metadata';
import { section, wizardModal } from './frame';
import { inputBlocks } from './steps';
import { poolFormSummary } from './summary';

/** What the worker-pools step shows: every pool, and which one is being edited (`meta.pool`). */
export interface WorkersStep {
  meta: WizardMeta & { pool: string };
  workers: readonly WorkerEntry[];
  notice?: string;
}

const button = (text: string, action_id: string, value?: string, style?: 'danger'): Button => ({
  type: 'button',
  action_id,
  text: { type: 'plain_text', text },
  ...(value ? { value } : {}),
  ...(style ? { style } : {}),
});

/**
 * Step 3: the worker pools. One pool is edited at a time (11 inputs) and the others are listed one block each with
 * an Edit button, so even 10 pools stay near 30 blocks, well inside Slack's 100 — all ten pools' inputs at once
 * would need 110. Each pool's block ids carry its key, so switching pools never carries input across.
 */
export function workersStepView(step: WorkersStep): ModalView {
  const { meta, workers } = step;
  const index = Math.max(
    0,
    workers.findIndex((pool) => pool.key === meta.pool),
  );
  const editing = workers[index];
  const others: KnownBlock[] = workers
    .filter((pool) => pool.key !== meta.pool)
    .map((pool) => ({
      ...section(poolFormSummary(pool.form), `wz.pool.${pool.key}`),
      accessory: button('Edit', `${WIZARD_ACTIONS.editPoolPrefix}${pool.key}`, pool.key),
    }));
  const poolButtons = [
    ...(workers.length < MAX_WORKER_POOLS ? [button('Add worker pool', WIZARD_ACTIONS.addPool)] : []),
    ...(workers.length > 1 ? [button('Remove', WIZARD_ACTIONS.removePool, meta.pool, 'danger')] : []),
  ];
  return wizardModal({
    meta,
    ...(step.notice ? { notice: step.notice } : {}),
    blocks: [
      ...(others.length > 0
        ? [section('*Other worker pools*'), ...others, { type: 'divider' as const }]
        : []),
      section(
        `*Worker pool ${index + 1} of ${workers.length}*${workers.length >= MAX_WORKER_POOLS ? ` (at most ${MAX_WORKER_POOLS})` : ''}`,
      ),
      ...inputBlocks(`wp.${meta.pool}`, WORKER_FIELDS, editing?.form ?? {}),
      ...(poolButtons.length > 0
        ? [{ type: 'actions' as const, block_id: 'wz.pools', elements: poolButtons }]
        : []),
    ],
  });
}
