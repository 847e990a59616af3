/**
 * Slack's Web API rate limits, as `palette/limits` holds Palette's: per-method tiers per workspace, and
 * chat.postMessage's per-channel pace. The bot's Slack clients pace themselves by this table (`SlackLimiter`), and
 * the workspace emulator enforces the same table (429 with Retry-After), so pacing by design is what tests check.
 */

/** Calls a minute per workspace, by tier (https://api.slack.com/apis/rate-limits). */
export const SLACK_TIER_PER_MINUTE = { 1: 1, 2: 20, 3: 50, 4: 100 } as const;

/** The window a tier counts its calls in. */
export const TIER_WINDOW_MS = 60_000;

/** A rate tier. */
export type SlackTier = keyof typeof SLACK_TIER_PER_MINUTE;

/** The tier of each method the bot calls; a method not listed is treated as Tier 3. */
export const SLACK_METHOD_TIERS: Readonly<Record<string, SlackTier>> = {
  'auth.test': 4,
  'chat.delete': 3,
  'chat.getPermalink': 4,
  'chat.postEphemeral': 4,
  'chat.update': 3,
  'conversations.history': 3,
  'conversations.info': 3,
  'conversations.members': 4,
  'conversations.replies': 3,
  'usergroups.list': 2,
  'usergroups.users.list': 2,
  'users.info': 4,
  'users.list': 2,
  'views.open': 4,
  'views.publish': 4,
  'views.push': 4,
  'views.update': 4,
};

/** Slack paces chat.postMessage per channel instead: about one message a second, short bursts allowed. */
export const CHANNEL_POSTS = { method: 'chat.postMessage', limit: 3, windowMs: 3_000 } as const;

const DEFAULT_TIER: SlackTier = 3;

/** At most `limit` calls in any `windowMs`. */
export interface WindowLimit {
  limit: number;
  windowMs: number;
}

/** The limit a call of `method` (in `channel`) counts against, and the key it is counted under per workspace. */
export function limitOf(method: string, channel: string | undefined): WindowLimit & { key: string } {
  if (method === CHANNEL_POSTS.method)
    return {
      key: `${method}#${channel ?? ''}`,
      limit: CHANNEL_POSTS.limit,
      windowMs: CHANNEL_POSTS.windowMs,
    };
  const tier = SLACK_METHOD_TIERS[method] ?? DEFAULT_TIER;
  return { key: method, limit: SLACK_TIER_PER_MINUTE[tier], windowMs: TIER_WINDOW_MS };
}

/** One call counted in a window: when it was made (moved to when its answer came, once it came). */
export interface WindowEntry {
  at: number;
  /** Sent and not answered yet: it may reach Slack any moment from now, so it counts as made now. */
  inFlight?: boolean;
}

/**
 * The last `limit` calls under one key: how long a new call must wait to stay within the limit. A caller that
 * cannot know when the call reached Slack records it `inFlight` and moves it to when the answer came (`answer`):
 * the call reached Slack before that, so a wait measured from it is never too short — and a call still in flight
 * (a busy process may deliver it late) counts as made at this moment.
 */
export class SlidingWindow {
  private readonly entries: WindowEntry[] = [];

  constructor(private readonly limit: WindowLimit) {}

  /** Milliseconds until a call may go (0 = now). */
  waitMs(now: number): number {
    if (this.entries.length < this.limit.limit) return 0;
    const oldest = Math.min(...this.entries.map((entry) => this.countedAt(entry, now)));
    return Math.max(0, oldest + this.limit.windowMs - now);
  }

  /** When `entry` counts as made, seen at `now`. */
  private countedAt(entry: WindowEntry, now: number): number {
    return entry.inFlight ? Math.max(entry.at, now) : entry.at;
  }

  /** How many calls the window holds at `now`. */
  used(now: number): number {
    return this.entries.filter((entry) => entry.inFlight || entry.at + this.limit.windowMs > now).length;
  }

  /** Counts a call made at `now` (`inFlight` until `answer`); the entry replaces the oldest once the window holds `limit`. */
  record(now: number, inFlight = false): WindowEntry {
    const entry: WindowEntry = inFlight ? { at: now, inFlight } : { at: now };
    if (this.entries.length >= this.limit.limit) {
      const oldest = this.entries.reduce((a, b) => (this.countedAt(b, now) < this.countedAt(a, now) ? b : a));
      this.entries.splice(this.entries.indexOf(oldest), 1);
    }
    this.entries.push(entry);
    return entry;
  }

  /** Marks an in-flight call answered at `now`: its window counts from then. */
  static answer(entry: WindowEntry, now: number): void {
    entry.at = now;
    entry.inFlight = false;
  }
}

/** Windows per key, made on first use. */
export class SlidingWindows {
  private readonly windows = new Map<string, SlidingWindow>();

  /** The window of `key`, made with `limit` the first time. */
  of(key: string, limit: WindowLimit): SlidingWindow {
    let window = this.windows.get(key);
    if (!window) {
      window = new SlidingWindow(limit);
      this.windows.set(key, window);
    }
    return window;
  }
}
