import type { ModalView } from '@slack/types';
import {
  type Choice,
  CLUSTER_FIELDS,
  CONTROL_PLANE_FIELDS,
  type Field,
  type Form,
} from '../../wizard/fields';
import { choiceIn } from '../../wizard/form';
import type { WizardMeta } from '../../wizard/metadata';
import { wizardModal } from './frame';
import { inputBlock } from './inputs';

/** The block id of a field: its step (or pool) scope, its id, and what it depends on, when anything. */
export function fieldBlockId(scope: string, fieldId: string, dependsOn?: string): string {
  return [scope, fieldId, ...(dependsOn ? [dependsOn.slice(0, 200)] : [])].join('.');
}

/** Input blocks for fields, pre-filled from a form. */
export function inputBlocks(
  scope: string,
  fields: readonly Field[],
  form: Form,
  dependsOn: Readonly<Record<string, string | undefined>> = {},
) {
  return fields.map((field) =>
    inputBlock(field, fieldBlockId(scope, field.id, dependsOn[field.id]), form[field.id]),
  );
}

/** What a form step shows: its draft form and an optional notice. */
export interface FormStep {
  meta: WizardMeta;
  form: Form;
  notice?: string;
}

/** Step 1's fields, with Domain's placeholder saying whose domains it offers once an account is chosen. */
function clusterFields(account: Choice | undefined): readonly Field[] {
  if (!account) return CLUSTER_FIELDS;
  const placeholder = `Choose a domain of ${account.text || account.value}`;
  return CLUSTER_FIELDS.map((field) => (field.id === 'domain' ? { ...field, placeholder } : field));
}

/**
 * Step 1: Name, Description, Tags, Cluster profile, Cloud account, Domain. The Domain block's id carries the
 * account, so choosing another account gives an empty Domain (Slack keeps input only for an unchanged block id).
 */
export function clusterStepView(step: FormStep): ModalView {
  const account = choiceIn(step.form, 'account');
  return wizardModal({
    meta: step.meta,
    ...(step.notice ? { notice: step.notice } : {}),
    blocks: inputBlocks('cluster', clusterFields(account), step.form, { domain: account?.value ?? 'none' }),
  });
}

/** Step 2: the control-plane pool (Size offered as 1, 3 or 5 only). */
export function controlPlaneStepView(step: FormStep): ModalView {
  return wizardModal({
    meta: step.meta,
    ...(step.notice ? { notice: step.notice } : {}),
    blocks: inputBlocks('cp', CONTROL_PLANE_FIELDS, step.form),
  });
}
