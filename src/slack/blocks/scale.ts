import { escapeText, truncate } from '../../domain/text';
import { formatDuration } from '../../domain/time';
import type { BotMessage } from '../thread';
import { type Answer, noticeAnswer, plainMessage } from './answers';
import { mention } from './cluster-facts';

/** A resize as people read it: which pool of which cluster, from what size to what size. */
export interface ResizeFacts {
  name: string;
  pool: string;
  from: number;
  to: number;
}

/** The history detail of a resize: "worker-pool 2 → 5". */
export function resizeDetail(facts: Pick<ResizeFacts, 'pool' | 'from' | 'to'>): string {
  return `${facts.pool} ${facts.from} → ${facts.to}`;
}

const poolOf = (facts: ResizeFacts) =>
  `*${escapeText(truncate(facts.pool, 63))}* of *${escapeText(truncate(facts.name, 63))}*`;

/** `/maas scale`'s answer once the resize is on its way. */
export function scaleAcceptedAnswer(facts: ResizeFacts): Answer {
  return noticeAnswer(
    `:straight_ruler: Resizing ${poolOf(facts)} from ${facts.from} to ${facts.to} nodes. Its thread follows the resize until every node is ready.`,
  );
}

/** `/maas scale`'s answer when the pool already has that size (nothing is sent). */
export function scaleUnchangedAnswer(facts: Omit<ResizeFacts, 'from'>): Answer {
  return noticeAnswer(
    `${poolOf({ ...facts, from: facts.to })} already has ${facts.to} node${facts.to === 1 ? '' : 's'}; nothing to change.`,
  );
}

/** The thread message once Palette has taken the resize: the poll follows it here, like a provisioning. */
export function scaledMessage(facts: ResizeFacts & { by: string }): BotMessage {
  const direction = facts.to > facts.from ? 'adds machines from MAAS' : 'drains and releases machines';
  return plainMessage(
    `:straight_ruler: ${mention(facts.by)} resized ${poolOf(facts)}: ${facts.from} → ${facts.to} nodes. Palette ${direction} now; I follow it here.`,
  );
}

/** The thread message once Palette's pool has the new size, every node ready. */
export function scaleFinishedMessage(facts: ResizeFacts & { by: string; tookMs: number }): BotMessage {
  return plainMessage(
    `:white_check_mark: ${mention(facts.by)} ${poolOf(facts)} is resized: ${facts.to}/${facts.to} nodes ready (${facts.from} → ${facts.to}, took ${formatDuration(facts.tookMs)}).`,
  );
}

/** The thread message when the resize could not be done (Palette's refusal or policy's, as written). */
export function scaleFailedMessage(
  facts: Omit<ResizeFacts, 'from'> & { by: string; reason: string },
): BotMessage {
  return plainMessage(
    `:x: ${mention(facts.by)}'s resize of ${poolOf({ ...facts, from: facts.to })} to ${facts.to} nodes was not done: ${escapeText(truncate(facts.reason, 500))}`,
  );
}
