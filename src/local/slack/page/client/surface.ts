import type { EnteredValue } from '../../state-values';
import type { StateValue, ViewRecord } from '../../types';
import type { PageChannel, PageDirectory, PagePerson } from '../state';
import type { Choice, ViewEdits } from './values';
import { valueKey } from './values';

/** Where blocks are drawn (a message, a modal, App Home) and how what the person does there reaches the bot. */
export interface Surface {
  directory: PageDirectory;
  people: PagePerson[];
  channels: PageChannel[];
  /** Makes DOM ids unique on the page (several messages may use the same block ids). */
  idPrefix: string;
  /** Set for views: the record (values, errors) and what the person typed there. */
  view?: { record: ViewRecord; edits: ViewEdits };
  /** Sends block_actions for an element. */
  act(actionId: string, choice?: EnteredValue): Promise<void>;
  /** Asks the bot for an external select's options; a string is a problem to show. */
  suggest?(actionId: string, query: string): Promise<Choice[] | string>;
}

/** Where an element sits: its block, whether a change is sent to the bot at once, and its DOM id. */
export interface Place {
  blockId: string;
  /** Actions blocks, section accessories and input blocks with `dispatch_action` send changes at once. */
  dispatch: boolean;
  id: string;
  /** The id of the input block's label, for elements that are groups (checkboxes, radio buttons). */
  labelId?: string;
}

/** The element's current state in a view (undefined in messages, which keep no state). */
export function currentState(surface: Surface, place: Place, actionId: string): StateValue | undefined {
  return surface.view?.edits.current(surface.view.record, place.blockId, actionId);
}

/** Records what the person entered and, where the element dispatches, tells the bot. */
export function changed(
  surface: Surface,
  place: Place,
  actionId: string,
  state: StateValue,
  choice: EnteredValue,
): Promise<void> {
  if (surface.view) surface.view.edits.set(surface.view.record.id, valueKey(place.blockId, actionId), state);
  return place.dispatch ? surface.act(actionId, choice) : Promise.resolve();
}
