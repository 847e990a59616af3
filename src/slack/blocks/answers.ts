import type { KnownBlock } from '@slack/types';
import type { Refusal } from '../../domain/policy';
import { escapeText } from '../../domain/text';
import type { BotMessage } from '../thread';
import { context, section } from './cluster-facts';

/** A short answer to the person who typed a command: text for notifications, blocks for the message. */
export interface Answer {
  text: string;
  blocks?: KnownBlock[];
}

/** A refusal from policy: why, what to do instead, and who could do it. */
export function refusalAnswer(refusal: Refusal, who: string | undefined): Answer {
  const lines = [`:no_entry: ${refusal.reason}`, refusal.hint];
  if (refusal.kind === 'role' && who) lines.push(`Who can: ${who}.`);
  return noticeAnswer(lines.join('\n'));
}

/** A command that could not be read: what went wrong (with the suggestion), and one line pointing to the help. */
export function commandErrorAnswer(message: string): Answer {
  return {
    text: message,
    blocks: [
      section(`:thinking_face: ${message}`),
      context('`/maas help` lists every command with an example.'),
    ],
  };
}

/** A message that is its text alone, shown as one section (a thread message, a notice). */
export function plainMessage(text: string): BotMessage {
  return { text, blocks: [section(text)] };
}

/** A plain notice. */
export function noticeAnswer(text: string): Answer {
  return plainMessage(text);
}

/** Palette could not be read in time (or refused): what could not be done, Palette's reason (escaped), retry. */
export function paletteTroubleAnswer(couldNot: string, problem: string): Answer {
  return noticeAnswer(
    `:warning: I could not ${couldNot}: ${escapeText(problem)}. Please try again in a minute.`,
  );
}
