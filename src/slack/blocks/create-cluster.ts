import type { ModalView } from '@slack/types';
import { clusterNameProblem } from '../../domain/spec';
import type { WizardMeta } from '../wizard/metadata';
import { clusterStepView } from './wizard/steps';

/**
 * Step 1 of the wizard as `/maas create-cluster [NAME]` opens it: the name pre-filled and, when it breaks the
 * naming rule, why — shown at once, before the person types anything.
 */
export function openingView(meta: WizardMeta, name?: string): ModalView {
  const problem = name === undefined ? undefined : clusterNameProblem(name);
  return clusterStepView({
    meta,
    form: name === undefined ? {} : { name },
    ...(problem ? { notice: `"${name}" cannot be a cluster name: ${problem}` } : {}),
  });
}
