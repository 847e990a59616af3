/** The callback id of every step of the create-cluster wizard (one view, updated step by step). */
export const WIZARD_CALLBACK_ID = 'create-cluster';
/** The callback id of the confirmation shown once the request is stored. */
export const WIZARD_DONE_CALLBACK_ID = 'create-cluster-done';

/** The wizard's steps, in order: the seed console's flow. */
export const STEPS = ['cluster', 'control-plane', 'workers', 'packs', 'review'] as const;
export type StepId = (typeof STEPS)[number];

/** What each step is called in its "Step n of 5" line. */
export const STEP_TITLES: Record<StepId, string> = {
  cluster: 'Cluster',
  'control-plane': 'Control plane',
  workers: 'Worker pools',
  packs: 'Pack values & management',
  review: 'Review',
};

/** The step before `step` (the first step has none). */
export function previousStep(step: StepId): StepId | undefined {
  return STEPS[STEPS.indexOf(step) - 1];
}

/** Every action id of the wizard starts with it (one Bolt listener per surface matches them all). */
export const WIZARD_PREFIX = 'wz.';

/** Action ids of the wizard's buttons. */
export const WIZARD_ACTIONS = {
  back: `${WIZARD_PREFIX}back`,
  addPool: `${WIZARD_PREFIX}addPool`,
  removePool: `${WIZARD_PREFIX}removePool`,
  /** Followed by the pool's key: one Edit button per listed pool. */
  editPoolPrefix: `${WIZARD_PREFIX}editPool.`,
  /** Followed by the pack's index: its whole values.yaml, in a modal pushed over the step (value: the pack's name). */
  showValuesPrefix: `${WIZARD_PREFIX}showValues.`,
} as const;

/** The action id of an input field (also the key its options listener is registered under). */
export function fieldActionId(fieldId: string): string {
  return `${WIZARD_PREFIX}f.${fieldId}`;
}

/** The external id of a review view: names the review revision, so a stale findings update finds nothing. */
export function reviewExternalId(draftId: string, revision: string): string {
  return `${WIZARD_PREFIX}review.${draftId}.${revision}`;
}

/** A string as a literal inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
