import type { ClusterRecord, Leftovers } from '../../domain/cluster';
import { mention } from './cluster-facts';

/** The facts of a record that say how its cluster ended. */
export type EndingFacts = Pick<
  ClusterRecord,
  'deleteKind' | 'deletedBy' | 'forceDeleteBy' | 'forceDeleteAt' | 'leftovers' | 'goneFromPaletteAt'
>;

/** How a deleted cluster ended, as one kind: the words of every surface follow from it. */
export type Ending = 'deleted' | 'aborted' | 'force-deleted' | 'gone';

/** Which way a DELETED record ended (delete, abort, force delete, or vanished from Palette). */
export function endingOf(record: EndingFacts): Ending {
  if (record.goneFromPaletteAt) return 'gone';
  if (record.forceDeleteAt) return 'force-deleted';
  return record.deleteKind === 'abort' ? 'aborted' : 'deleted';
}

/** Whether the delete or abort was started outside the bot (in Palette's console): no person started it here. */
export const endedOutside = (record: EndingFacts) => !record.deletedBy && !record.forceDeleteAt;

/** The machines a force delete left, counted for people: "2 MAAS machines may still be allocated". */
export function leftoverCount(leftovers: Leftovers | undefined): string {
  if (!leftovers || 'unknown' in leftovers)
    return 'Palette could not list the machines it left allocated: check the cluster’s machines in MAAS.';
  const total = leftovers.total ?? leftovers.machines.length;
  if (total === 0) return 'Palette listed no MAAS machine still allocated to it.';
  return `${total} MAAS machine${total === 1 ? '' : 's'} may still be allocated (listed in this thread): release ${total === 1 ? 'it' : 'them'} by hand.`;
}

/**
 * How a DELETED cluster ended, in one or two sentences: what its final state means for its machines. The status
 * message, the request line, the approval card and `/maas status` all say it this way, so they never disagree.
 */
export function endingText(record: EndingFacts): string {
  switch (endingOf(record)) {
    case 'gone':
      return ':warning: Palette no longer knows this cluster: deleted outside the bot? Its machines were not followed to their release; check MAAS.';
    case 'force-deleted':
      return `:warning: Force-deleted${record.forceDeleteBy ? ` by ${mention(record.forceDeleteBy)}` : ''}: Palette did not wait for its machines. ${leftoverCount(record.leftovers)}`;
    case 'aborted':
      return `Aborted${endedOutside(record) ? ' outside the bot (in Palette)' : ''}: what was created is deleted and its machines are released.`;
    case 'deleted':
      return `${endedOutside(record) ? 'Deleted outside the bot (in Palette). ' : ''}Every machine is released.`;
  }
}
