import type { Deps } from '../deps';
import { type Answer, noticeAnswer } from './blocks/answers';
import { slackErrorCode } from './thread';

/** How a modal that would not open is logged and told to the person. */
export interface ModalFailure {
  /** The warning logged, with Slack's error code (or `network`) and `details`. */
  log: string;
  details?: Record<string, unknown>;
  /** The notice when Slack's trigger id expired (the person took too long, or the bot was slow). */
  expired: string;
  /** The notice for any other failure. */
  other: string;
}

/**
 * Opens a modal with `open` (its `views.open` must come first: the trigger id lives 3 seconds). Resolves to
 * undefined when it opened, else to the notice for the person, after logging why.
 */
export async function openModal(
  deps: Pick<Deps, 'logger'>,
  open: () => Promise<unknown>,
  failure: ModalFailure,
): Promise<Answer | undefined> {
  try {
    await open();
    return undefined;
  } catch (error) {
    const code = slackErrorCode(error);
    deps.logger.warn(failure.log, { ...failure.details, code: code ?? 'network' });
    return noticeAnswer(code === 'expired_trigger_id' ? failure.expired : failure.other);
  }
}
