import type { App, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import type { PlainTextOption } from '@slack/types';
import type { Deps } from '../../deps';
import { scopeOfChannel } from '../../teams/scope';
import { chosenAccount } from '../wizard/account';
import { type Choice, EXTERNAL_FIELDS } from '../wizard/fields';
import { escapeRegExp, fieldActionId } from '../wizard/ids';
import { decodeMeta } from '../wizard/metadata';
import { catalogFor, isAccountScoped } from './catalog';

/** Slack shows at most 100 options. */
export const MAX_OPTIONS = 100;

/** The choices whose text or value contains what was typed (case-insensitive), at most 100. */
export function matchingChoices(choices: readonly Choice[], query: string): Choice[] {
  const wanted = query.trim().toLowerCase();
  return choices
    .filter(
      (choice) => choice.text.toLowerCase().includes(wanted) || choice.value.toLowerCase().includes(wanted),
    )
    .slice(0, MAX_OPTIONS);
}

const toOption = (choice: Choice): PlainTextOption => ({
  text: { type: 'plain_text', text: choice.text },
  value: choice.value,
});

/**
 * Answers the wizard's external selects (block_suggestion) from the team's Palette project through the catalog's
 * short cache and time budget — profiles only those the team may use. A Palette failure, a view of no team, or an
 * account-scoped list before an account is chosen answers no options: never an error, never late.
 */
export function wizardOptions(deps: Deps) {
  const sources = new Map(EXTERNAL_FIELDS.map((field) => [fieldActionId(field.id), field.source]));
  return async ({ ack, body }: SlackOptionsMiddlewareArgs<'block_suggestion'>) => {
    const source = sources.get(body.action_id);
    // A view without the wizard's metadata has no channel: only the implicit team (no teams file) serves it.
    const scope = scopeOfChannel(deps, decodeMeta(body.view?.private_metadata)?.channel ?? '');
    if (!source || !scope) return ack({ options: [] });
    const account = isAccountScoped(source) ? await chosenAccount(deps, body.view, body.user.id) : undefined;
    const choices =
      isAccountScoped(source) && !account
        ? []
        : ((await catalogFor(deps, scope).choices(source, account)) ?? []);
    await ack({ options: matchingChoices(choices, body.value ?? '').map(toOption) });
  };
}

/**
 * Registers ONE options listener for every external select of the wizard (their action ids share a prefix):
 * Bolt runs each registered listener's matchers on every request, so one listener keeps every ack cheaper.
 */
export function registerWizardOptions(app: App, deps: Deps): void {
  app.options({ action_id: new RegExp(`^${escapeRegExp(fieldActionId(''))}`) }, wizardOptions(deps));
}
