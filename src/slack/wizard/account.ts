import type { ViewOutput } from '@slack/bolt';
import type { Deps } from '../../deps';
import { loadWizard } from './draft';
import { CLUSTER_FIELDS } from './fields';
import { choiceIn, readForm } from './form';
import { decodeMeta } from './metadata';

const ACCOUNT_FIELDS = CLUSTER_FIELDS.filter((field) => field.id === 'account');

/**
 * The cloud account chosen in the wizard: from the view itself when step 1 is showing (freshest), else from the
 * draft the view names. Domains, zones, resource pools and machine tags depend on it.
 */
export async function chosenAccount(
  deps: Pick<Deps, 'store'>,
  view: ViewOutput | undefined,
  userId: string,
): Promise<string | undefined> {
  if (!view) return undefined;
  const inView = choiceIn(readForm(view, ACCOUNT_FIELDS).form, 'account');
  if (inView) return inView.value;
  const meta = decodeMeta(view.private_metadata);
  const data = meta ? await loadWizard(deps.store, meta.draftId, userId) : undefined;
  return data ? choiceIn(data.cluster, 'account')?.value : undefined;
}
