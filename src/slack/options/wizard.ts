import type { App, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import type { PlainTextOption } from '@slack/types';
import type { Deps } from '../../deps';
import { chosenAccount } from '../wizard/account';
import { type Choice, EXTERNAL_FIELDS, type OptionSource } from '../wizard/fields';
import { fieldActionId } from '../wizard/ids';
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
 * Answers one external select of the wizard (block_suggestion) from Palette through the catalog's short cache and
 * time budget. A Palette failure, or an account-scoped list before an account is chosen, answers no options:
 * never an error, never late.
 */
export function wizardOptions(deps: Deps, source: OptionSource) {
  return async ({ ack, body }: SlackOptionsMiddlewareArgs<'block_suggestion'>) => {
    const account = isAccountScoped(source) ? await chosenAccount(deps, body.view, body.user.id) : undefined;
    const choices =
      isAccountScoped(source) && !account ? [] : ((await catalogFor(deps).choices(source, account)) ?? []);
    await ack({ options: matchingChoices(choices, body.value ?? '').map(toOption) });
  };
}

/** Registers the options listener of every external select of the wizard. */
export function registerWizardOptions(app: App, deps: Deps): void {
  for (const field of EXTERNAL_FIELDS)
    app.options(fieldActionId(field.id), wizardOptions(deps, field.source));
}
