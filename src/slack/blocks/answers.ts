import type { KnownBlock } from '@slack/types';
import type { Refusal } from '../../domain/policy';
import { escapeText } from '../../domain/text';

/** A short answer to the person who typed a command: text for notifications, blocks for the message. */
export interface Answer {
  text: string;
  blocks?: KnownBlock[];
}

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

/** A refusal from policy: why, what to do instead, and who could do it. */
export function refusalAnswer(refusal: Refusal, who: string | undefined): Answer {
  const lines = [`:no_entry: ${refusal.reason}`, refusal.hint];
  if (refusal.kind === 'role' && who) lines.push(`Who can: ${who}.`);
  const text = lines.join('\n');
  return { text, blocks: [section(text)] };
}

/** A command that could not be read: what went wrong, then the help. */
export function commandErrorAnswer(message: string, help: KnownBlock[]): Answer {
  return { text: message, blocks: [section(`:thinking_face: ${message}`), { type: 'divider' }, ...help] };
}

/** A plain notice. */
export function noticeAnswer(text: string): Answer {
  return { text, blocks: [section(text)] };
}

/** Palette could not be read in time (or refused): what could not be done, Palette's reason (escaped), retry. */
export function paletteTroubleAnswer(couldNot: string, problem: string): Answer {
  return noticeAnswer(
    `:warning: I could not ${couldNot}: ${escapeText(problem)}. Please try again in a minute.`,
  );
}
