import type { Approval } from './cluster';

/** Why Palette holds a repave, as the card shows it (from `…/repave/status`). */
export interface RepaveReasonFact {
  code: string;
  message: string;
  pack?: string;
  fromTag?: string;
  toTag?: string;
  changedKeys: string[];
}

/** A repave Palette holds for approval, as the bot follows it: reasons, approvals, where its cards are, outcome. */
export interface RepaveHold {
  /** When Palette started holding it (its transition time, else when the bot first saw it): the hold's identity. */
  since: string;
  reasons: RepaveReasonFact[];
  approvals: Approval[];
  /** The cards (thread and approval channel), updated as the hold moves on. */
  cards: { channel: string; ts: string }[];
  /** When the approval was sent to Palette (PATCH …/repave/approve), once. */
  approvedAt?: string;
  /** How it ended: approved through the bot or in Palette, reverted in Palette, or no longer held. */
  outcome?: 'approved' | 'reverted' | 'gone';
  endedAt?: string;
}

/** A health episode: seen unhealthy since `since`; `announced` once it lasted a sweep (a shorter flap is not). */
export interface HealthEpisode {
  since: string;
  announced: boolean;
  problems: { type: string; message: string }[];
}

/** What the bot follows of a cluster after Running (record field `care`). */
export interface ClusterCare {
  unhealthy?: HealthEpisode;
  repave?: RepaveHold;
  /** The profile-update notification already announced (cleared when Palette no longer offers one). */
  updateNoticed?: string;
}

/** What health Palette reports, and what the bot should do about it. */
export type HealthStep =
  | { kind: 'none' }
  | { kind: 'suspect'; episode: HealthEpisode }
  | { kind: 'announce-down'; episode: HealthEpisode }
  | { kind: 'announce-up'; episode: HealthEpisode; lastedMs: number }
  | { kind: 'forget-flap' };

/**
 * The next health step from the episode so far and what a sweep saw at `now`: a first unhealthy sighting is only
 * suspected; still unhealthy a sweep later, it is announced; healthy again, an announced episode is announced
 * over (with how long it lasted) and an unannounced one is forgotten (a flap shorter than a sweep).
 */
export function healthStep(
  episode: HealthEpisode | undefined,
  seen: { healthy: boolean; problems: { type: string; message: string }[] },
  now: string,
): HealthStep {
  if (!seen.healthy) {
    if (!episode)
      return { kind: 'suspect', episode: { since: now, announced: false, problems: seen.problems } };
    if (!episode.announced)
      return { kind: 'announce-down', episode: { ...episode, announced: true, problems: seen.problems } };
    return { kind: 'none' };
  }
  if (!episode) return { kind: 'none' };
  if (!episode.announced) return { kind: 'forget-flap' };
  return { kind: 'announce-up', episode, lastedMs: Date.parse(now) - Date.parse(episode.since) };
}
