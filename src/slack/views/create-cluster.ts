import type {
  AllMiddlewareArgs,
  App,
  SlackViewMiddlewareArgs,
  ViewClosedAction,
  ViewSubmitAction,
} from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { ulid } from 'ulid';
import type { Deps } from '../../deps';
import { openingView } from '../blocks/create-cluster';
import { loadWizard, newWizardData, saveWizard } from '../wizard/draft';
import { WIZARD_CALLBACK_ID } from '../wizard/ids';
import { decodeMeta } from '../wizard/metadata';
import { submitWizardStep } from '../wizard/submit';

/** What opening the create-cluster wizard needs: the interaction's fresh trigger id and where it was asked. */
export interface OpenWizardRequest {
  deps: Deps;
  client: WebClient;
  /** Valid for 3 seconds from the slash command: call `views.open` before anything slow. */
  triggerId: string;
  userId: string;
  channelId: string;
  /** `/maas create-cluster NAME` pre-fills the name. */
  name?: string;
}

/**
 * Opens step 1 of the create-cluster wizard with `views.open` first (the trigger id lives 3 seconds; building the
 * view needs nothing from outside), then stores the draft it names. A name that breaks the naming rule is still
 * pre-filled, with the rule shown above. Throws Slack's error when the view cannot be opened (e.g.
 * `expired_trigger_id`); the command tells the person.
 */
export async function openCreateClusterWizard(request: OpenWizardRequest): Promise<void> {
  const { deps, name } = request;
  const draftId = ulid();
  const data = newWizardData(request.channelId, name);
  await request.client.views.open({
    trigger_id: request.triggerId,
    view: openingView({ draftId, step: 'cluster', channel: request.channelId }, name),
  });
  try {
    await saveWizard(deps, draftId, request.userId, data);
  } catch (error) {
    // Step 1 starts a fresh draft from its metadata when it finds none: the person loses nothing.
    deps.logger.warn('Could not store a new wizard draft', { error: String(error) });
  }
}

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
type ClosedArgs = SlackViewMiddlewareArgs<ViewClosedAction> & AllMiddlewareArgs;

/** A wizard step was submitted: validate, keep the draft, answer with the next step or the errors. */
function wizardSubmitted(deps: Deps) {
  return async ({ ack, body, view }: SubmitArgs) => {
    await ack(await submitWizardStep(deps, view, body.user.id));
  };
}

/** The person cancelled the wizard: its draft goes (only the person's own). */
function wizardClosed(deps: Deps) {
  return async ({ ack, body, view }: ClosedArgs) => {
    await ack();
    const meta = decodeMeta(view.private_metadata);
    if (meta && (await loadWizard(deps.store, meta.draftId, body.user.id)))
      await deps.store.deleteDraft(meta.draftId);
  };
}

/** Registers the wizard's view_submission and view_closed listeners. */
export function registerWizardViews(app: App, deps: Deps): void {
  app.view<ViewSubmitAction>(WIZARD_CALLBACK_ID, wizardSubmitted(deps));
  app.view<ViewClosedAction>({ callback_id: WIZARD_CALLBACK_ID, type: 'view_closed' }, wizardClosed(deps));
}
