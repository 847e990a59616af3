import type { ModalView } from '@slack/types';
import type { ClusterRecord } from '../../domain/cluster';
import type { Palette } from '../../palette/port';
import { paletteTroubleAnswer } from '../blocks/answers';
import { readWithinBudget } from '../budget';
import { openModal } from '../modal';
import { checkClusterAction } from './guard';
import type { CommandContext } from './types';

/** How a day-2 form opens: what it reads from Palette and the modal it builds from that. */
export interface FormOpening<T> {
  action: 'backup' | 'scan' | 'patch';
  /** The subcommand word, for "run `/maas WORD NAME` again". */
  word: string;
  /** What is read, for the answer when Palette is in trouble, e.g. "the backup policy". */
  what: string;
  read(palette: Palette, uid: string): Promise<T>;
  view(record: ClusterRecord, current: T): ModalView;
}

/**
 * `/maas backup|scan|patch NAME`: policy decides (running, requester or admin); Palette's current settings are
 * read within the listener's budget and the modal opens filled with them.
 */
export async function openClusterForm<T>(name: string, context: CommandContext, opening: FormOpening<T>) {
  const checked = await checkClusterAction(opening.action, name, context);
  if (!checked.ok) return checked.answer;
  const { record, scope } = checked;
  const read = await readWithinBudget(() => opening.read(scope.palette, record.paletteUid!));
  if (!read.ok) return paletteTroubleAnswer(`read ${opening.what}`, read.problem);
  const again = `Please run \`/maas ${opening.word} ${record.name}\` again`;
  return openModal(
    context.deps,
    () =>
      context.client.views.open({
        trigger_id: context.slash.trigger_id,
        view: opening.view(record, read.value),
      }),
    {
      log: `Could not open the form for ${opening.what}`,
      expired: `:hourglass: Slack closed the window for opening the form before I could. ${again}.`,
      other: `:warning: I could not open the form just now. ${again} in a minute.`,
    },
  );
}
