import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs, ViewOutput } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Deps } from '../../deps';
import { scopeOfChannel } from '../../teams/scope';
import { wizardGoneView, wizardNoTeamView } from '../blocks/wizard/done';
import { packValuesView } from '../blocks/wizard/packs';
import { catalogFor } from '../options/catalog';
import { slackErrorCode } from '../thread';
import { loadWizard, saveWizard, type WizardData } from '../wizard/draft';
import { choiceIn } from '../wizard/form';
import { escapeRegExp, fieldActionId, previousStep, WIZARD_ACTIONS, WIZARD_PREFIX } from '../wizard/ids';
import { decodeMeta, type WizardMeta } from '../wizard/metadata';
import { renderStep, type StepTarget } from '../wizard/render';
import { type CapturedStep, captureStep } from '../wizard/step-form';
import { addWorkerPool, canAddPool, removeWorkerPool } from '../wizard/workers';

/** What a wizard button or picker asks for: the draft to save and the step to show, or nothing. */
type Move = (
  before: WizardData,
  captured: CapturedStep,
  meta: WizardMeta,
  value: string | undefined,
) => { data: WizardData; target: StepTarget } | undefined;

/** Back: keep what was typed here, show the step before; leaving the review drops its findings. */
const back: Move = (_before, { data }, meta) => {
  const step = previousStep(meta.step);
  if (!step) return undefined;
  const { review: _review, ...rest } = data;
  return { data: meta.step === 'review' ? rest : data, target: { step } };
};

/** Add worker pool: keep the pool being edited, add a new one (at most 10) and edit it. */
const addPool: Move = (_before, { data, pool }, meta) => {
  if (meta.step !== 'workers') return undefined;
  if (!canAddPool(data)) return { data, target: { step: 'workers', ...(pool ? { pool } : {}) } };
  const added = addWorkerPool(data);
  return { data: added.data, target: { step: 'workers', pool: added.key } };
};

/** Remove: drop the pool named by the button (the one being edited) and edit a neighbour. */
const removePool: Move = (_before, { data, pool }, meta, value) => {
  if (meta.step !== 'workers') return undefined;
  const removed = removeWorkerPool(data, value ?? pool ?? '');
  return { data: removed.data, target: { step: 'workers', pool: removed.key } };
};

/** Edit (on a listed pool): keep the pool being edited, switch to the other. */
const editPool: Move = (_before, { data }, meta, value) =>
  meta.step === 'workers' && value ? { data, target: { step: 'workers', pool: value } } : undefined;

/** Cloud account picked: re-render step 1 so Domain belongs to the new account (and forget the old domain). */
const accountPicked: Move = (before, { data }, meta) => {
  if (meta.step !== 'cluster') return undefined;
  const changed = choiceIn(before.cluster, 'account')?.value !== choiceIn(data.cluster, 'account')?.value;
  const { domain: _domain, ...cluster } = data.cluster;
  return { data: changed ? { ...data, cluster } : data, target: { step: 'cluster' } };
};

/**
 * Updates the view the person clicked in, guarded by its hash: if the view changed meanwhile (another click, the
 * review's findings) or was closed, the newer view stays and nothing is forced.
 */
async function updateClicked(
  deps: Deps,
  client: WebClient,
  view: ViewOutput,
  next: ModalView,
): Promise<void> {
  try {
    await client.views.update({ view_id: view.id, hash: view.hash, view: next });
  } catch (error) {
    const code = slackErrorCode(error);
    if (code !== 'hash_conflict' && code !== 'not_found') throw error;
    deps.logger.info('A wizard view changed before it could be updated', { code });
  }
}

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** A wizard button or picker: capture what the view holds into the draft, apply the move, show the result. */
function wizardAction(deps: Deps, move: Move) {
  return async ({ ack, body, action, client }: ActionArgs) => {
    await ack();
    const view = body.view;
    const meta = view ? decodeMeta(view.private_metadata) : undefined;
    if (!view || !meta) return;
    const before = await loadWizard(deps.store, meta.draftId, body.user.id);
    if (!before) return updateClicked(deps, client, view, wizardGoneView());
    const scope = scopeOfChannel(deps, before.channel);
    if (!scope) return updateClicked(deps, client, view, wizardNoTeamView(before.channel));
    const value = 'value' in action && typeof action.value === 'string' ? action.value : undefined;
    const moved = move(before, captureStep(before, meta, view), meta, value);
    if (!moved) return;
    const rendered = await renderStep(deps, scope, meta.draftId, moved.data, moved.target);
    // The draft first: options lists (domains of the new account) read it as soon as the view changes.
    await saveWizard(deps, meta.draftId, body.user.id, rendered.data);
    await updateClicked(deps, client, view, rendered.view);
  };
}

/** The move each wizard button (or the cloud-account picker) makes, by action id. */
function moveFor(actionId: string): Move | undefined {
  if (actionId.startsWith(WIZARD_ACTIONS.editPoolPrefix)) return editPool;
  const moves: Record<string, Move> = {
    [WIZARD_ACTIONS.back]: back,
    [WIZARD_ACTIONS.addPool]: addPool,
    [WIZARD_ACTIONS.removePool]: removePool,
    [fieldActionId('account')]: accountPicked,
  };
  return moves[actionId];
}

/**
 * "Show values.yaml" on the pack-values step: pushes a read-only view of the pack's whole file over the step
 * (its packs come from the catalog's cache, which the step itself just filled). Close goes back to the step.
 */
async function showValues({ ack, body, action, client }: ActionArgs, deps: Deps): Promise<void> {
  await ack();
  const meta = body.view ? decodeMeta(body.view.private_metadata) : undefined;
  const name = 'value' in action && typeof action.value === 'string' ? action.value : '';
  if (!meta || !name) return;
  const draft = await loadWizard(deps.store, meta.draftId, body.user.id);
  const profileUid = draft ? choiceIn(draft.cluster, 'profile')?.value : undefined;
  // The profile's packs come from the project of the team whose channel the wizard was opened in.
  const scope = draft ? scopeOfChannel(deps, draft.channel) : undefined;
  const packs = profileUid && scope ? await catalogFor(deps, scope).packs(profileUid) : undefined;
  const view = packValuesView(
    packs?.find((pack) => pack.name === name),
    name,
  );
  try {
    await client.views.push({ trigger_id: body.trigger_id, view });
  } catch (error) {
    // Nothing opened: the button stays there to press again.
    deps.logger.warn('Could not show a pack’s values.yaml', { code: slackErrorCode(error) ?? 'network' });
  }
}

/**
 * Registers ONE listener for the wizard's buttons (Back, Add worker pool, Remove, Edit) and the cloud-account
 * picker — their action ids share the wizard's prefix. Bolt runs every registered listener's matchers on every
 * request, so one listener keeps every ack cheaper.
 */
export function registerWizardActions(app: App, deps: Deps): void {
  app.action<BlockAction>(new RegExp(`^${escapeRegExp(WIZARD_PREFIX)}`), async (args) => {
    if (args.action.action_id.startsWith(WIZARD_ACTIONS.showValuesPrefix)) return showValues(args, deps);
    const move = moveFor(args.action.action_id);
    if (move) return wizardAction(deps, move)(args);
    await args.ack();
  });
}
