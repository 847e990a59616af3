import {
  type ControlPlanePool,
  ControlPlanePoolSchema,
  parseNodeLabels,
  parseTaints,
  type WorkerPool,
  WorkerPoolSchema,
} from '../../../domain/spec';
import { ALLOW_WORKER, type Form } from '../fields';
import { choiceIn, choicesIn, flagsIn, type Problems, textOf } from '../form';
import { type FieldsByPath, finish, numberIn, type StepParse } from './issues';

/** Where each part of a pool is typed (control plane and worker pools alike). */
export const POOL_PATHS: FieldsByPath = {
  name: 'name',
  size: 'size',
  allowWorkerCapability: 'allowWorker',
  rollingUpdate: 'rollingUpdate',
  labels: 'labels',
  taints: 'taints',
  instanceType: 'cpu',
  'instanceType.minCPU': 'cpu',
  'instanceType.minMemInMB': 'memory',
  azs: 'azs',
  resourcePool: 'resourcePool',
  diskSizeGiB: 'disk',
  machineTags: 'machineTags',
};

/** The fields every pool shares, parsed from text; parser messages land in `problems`. */
function poolCandidate(form: Form, problems: Problems) {
  const labels = parseNodeLabels(textOf(form, 'labels'));
  if (!labels.ok) problems.labels = labels.message;
  const taints = parseTaints(textOf(form, 'taints'));
  if (!taints.ok) problems.taints = taints.message;
  const machineTags = choicesIn(form, 'machineTags').map((choice) => choice.value);
  return {
    name: textOf(form, 'name').trim(),
    size: numberIn(textOf(form, 'size')),
    labels: labels.ok ? labels.value : [],
    taints: taints.ok ? taints.value : [],
    instanceType: { minCPU: numberIn(textOf(form, 'cpu')), minMemInMB: numberIn(textOf(form, 'memory')) },
    azs: choicesIn(form, 'azs').map((choice) => choice.value),
    ...(machineTags.length > 0 ? { machineTags } : {}),
    resourcePool: choiceIn(form, 'resourcePool')?.value ?? '',
    diskSizeGiB: numberIn(textOf(form, 'disk')),
  };
}

/** Step 2's form → the control-plane pool (size 1, 3 or 5 only). */
export function parseControlPlaneForm(form: Form): StepParse<ControlPlanePool> {
  const problems: Problems = {};
  const candidate = {
    ...poolCandidate(form, problems),
    allowWorkerCapability: flagsIn(form, 'allowWorker').includes(ALLOW_WORKER),
  };
  return finish(ControlPlanePoolSchema, candidate, problems, POOL_PATHS, 'name');
}

/** One worker pool's form → the pool. */
export function parseWorkerForm(form: Form): StepParse<WorkerPool> {
  const problems: Problems = {};
  const candidate = { ...poolCandidate(form, problems), rollingUpdate: textOf(form, 'rollingUpdate') };
  return finish(WorkerPoolSchema, candidate, problems, POOL_PATHS, 'name');
}
