import type { FetchFunction } from '@slack/web-api';
import { limitOf, SlidingWindow, SlidingWindows, type WindowLimit } from './limits';

/**
 * Pacing runs this much wider than each Slack window: calls sent exactly a window apart can still reach Slack
 * bunched by network jitter.
 */
export const SLACK_WINDOW_HEADROOM = 1.1;

/** How a call's wait for its slot ended. */
export type SlotOutcome = 'go' | 'superseded' | 'too-long';

/** A call's slot: `answered()` once Slack answered a call that went (its window counts from then). */
export interface Slot {
  outcome: SlotOutcome;
  answered(): void;
}

/** One call waiting for its slot. */
interface Waiter {
  /** `channel:ts` of the message a chat.update edits: a newer edit of it takes this place. */
  message?: string;
  deadline: number;
  settle: (slot: Slot) => void;
}

const NOTHING_TO_COUNT = () => {};

/** The limiter's sense of time (tests inject a manual one). */
export interface LimiterClock {
  now(): number;
  setTimer(callback: () => void, ms: number): void;
}

const realClock: LimiterClock = { now: Date.now, setTimer: (callback, ms) => void setTimeout(callback, ms) };

/** How many message contents are remembered to skip edits that change nothing. */
const REMEMBERED_MESSAGES = 5_000;

/**
 * One workspace's Slack budget in this process: each call waits for a slot of its method's tier (per workspace)
 * or, for chat.postMessage, of its channel, first come first served — so messages of a thread leave in the order
 * they were posted and none is ever dropped. Edits of the same message (chat.update on one `channel:ts`) are
 * coalesced: a newer edit takes the waiting one's place (the older resolves `superseded`, newest wins, at most one
 * waits per message), and an edit identical to the last one sent is not sent at all.
 */
export class SlackLimiter {
  private readonly windows = new SlidingWindows();
  private readonly queues = new Map<string, { waiting: Waiter[]; timerSet: boolean }>();
  private readonly pendingEdits = new Map<string, Waiter>();
  private readonly lastSent = new Map<string, string>();

  private readonly clock: LimiterClock;
  private readonly windowScale: number;

  /** `windowScale` shrinks every window alike (tests against an emulator whose windows are shrunk the same). */
  constructor(options: { clock?: LimiterClock; windowScale?: number } = {}) {
    this.clock = options.clock ?? realClock;
    this.windowScale = options.windowScale ?? 1;
  }

  /**
   * Waits for the slot of a call of `method` in `channel`; `message` (chat.update's `channel:ts`) makes it an edit
   * a newer edit of the same message may supersede. Gives up with `too-long` after `maxWaitMs`.
   */
  slot(method: string, channel: string | undefined, maxWaitMs: number, message?: string): Promise<Slot> {
    const limit = limitOf(method, channel);
    const window = this.windows.of(limit.key, this.scaled(limit));
    let queue = this.queues.get(limit.key);
    if (!queue) {
      queue = { waiting: [], timerSet: false };
      this.queues.set(limit.key, queue);
    }
    return new Promise((settle) => {
      const waiter: Waiter = {
        deadline: this.clock.now() + maxWaitMs,
        settle,
        ...(message ? { message } : {}),
      };
      const older = message ? this.pendingEdits.get(message) : undefined;
      if (older && message) {
        // Newest wins: the newer edit waits in the older one's place.
        older.settle({ outcome: 'superseded', answered: NOTHING_TO_COUNT });
        const at = queue.waiting.indexOf(older);
        if (at >= 0) queue.waiting[at] = waiter;
        else queue.waiting.push(waiter);
      } else {
        queue.waiting.push(waiter);
      }
      if (message) this.pendingEdits.set(message, waiter);
      this.drain(queue, window);
    });
  }

  /**
   * Whether a call of `method` (in `channel`) could go at once with `reserve` calls of its window still to spare
   * after it: a progress edit that may be skipped asks this, so it never waits and never takes the room a
   * milestone needs.
   */
  hasSpare(method: string, channel: string | undefined, reserve: number): boolean {
    const limit = limitOf(method, channel);
    const queue = this.queues.get(limit.key);
    if (queue && queue.waiting.length > 0) return false;
    const window = this.windows.of(limit.key, this.scaled(limit));
    return window.used(this.clock.now()) + 1 + reserve <= limit.limit;
  }

  /** Whether `content` is exactly what the last edit sent to `message` showed. */
  unchanged(message: string, content: string): boolean {
    return this.lastSent.get(message) === content;
  }

  /** The window the limiter keeps for `limit`: scaled, and wider by the headroom. */
  private scaled(limit: WindowLimit): WindowLimit {
    return { limit: limit.limit, windowMs: limit.windowMs * this.windowScale * SLACK_WINDOW_HEADROOM };
  }

  /** Remembers what `message` now shows. */
  remember(message: string, content: string): void {
    this.lastSent.delete(message);
    this.lastSent.set(message, content);
    if (this.lastSent.size > REMEMBERED_MESSAGES) this.lastSent.delete(this.lastSent.keys().next().value!);
  }

  /** Lets go what may go now, refuses what waited too long, and sets one timer for the next slot. */
  private drain(queue: { waiting: Waiter[]; timerSet: boolean }, window: SlidingWindow): void {
    if (queue.timerSet) return;
    while (queue.waiting.length > 0) {
      const now = this.clock.now();
      const head = queue.waiting[0]!;
      if (now > head.deadline) {
        queue.waiting.shift();
        this.release(head, 'too-long', NOTHING_TO_COUNT);
        continue;
      }
      const wait = window.waitMs(now);
      if (wait > 0) {
        queue.timerSet = true;
        this.clock.setTimer(
          () => {
            queue.timerSet = false;
            this.drain(queue, window);
          },
          Math.min(wait, Math.max(1, head.deadline - now + 1)),
        );
        return;
      }
      queue.waiting.shift();
      const entry = window.record(now, true);
      this.release(head, 'go', () => {
        SlidingWindow.answer(entry, this.clock.now());
        this.drain(queue, window);
      });
    }
  }

  private release(waiter: Waiter, outcome: SlotOutcome, answered: () => void): void {
    if (waiter.message && this.pendingEdits.get(waiter.message) === waiter)
      this.pendingEdits.delete(waiter.message);
    waiter.settle({ outcome, answered });
  }
}

/** The Web API method a request URL calls: the last segment of its path. */
export function webApiMethod(url: string | URL): string {
  return new URL(url).pathname.split('/').pop() || 'unknown';
}

/** What an edit shows: the fields of chat.update that change what people see. */
function shownContent(params: URLSearchParams): string {
  return JSON.stringify([params.get('text'), params.get('blocks'), params.get('attachments')]);
}

/** A Slack answer made here (an edit that was not sent, or a slot not found in time). */
function answer(body: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return Response.json(body, { headers });
}

/**
 * A fetch for the WebClient that takes each call's slot from `limiter` first. An edit superseded by a newer one,
 * or identical to the last one sent, is answered `ok` without reaching Slack; a call whose slot does not come
 * within `budgetMs` is answered as Slack answers a refused call (`ratelimited`), without sending it.
 */
export function fetchWithinLimits(
  limiter: SlackLimiter,
  budgetMs: number,
  fetchFn: FetchFunction,
): FetchFunction {
  return async (url, init) => {
    const method = webApiMethod(url);
    const params = typeof init?.body === 'string' ? new URLSearchParams(init.body) : new URLSearchParams();
    const channel = params.get('channel') ?? undefined;
    const ts = params.get('ts');
    const message = method === 'chat.update' && channel && ts ? `${channel}:${ts}` : undefined;
    const content = message ? shownContent(params) : undefined;
    const skipped = { ok: true, channel, ts, text: params.get('text') ?? '' };
    if (message && content && limiter.unchanged(message, content))
      return answer({ ...skipped, unchanged: true });
    const { outcome, answered } = await limiter.slot(method, channel, budgetMs, message);
    if (outcome === 'superseded') return answer({ ...skipped, superseded: true });
    if (outcome === 'too-long') return answer({ ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
    let response: Awaited<ReturnType<FetchFunction>>;
    try {
      response = await fetchFn(url, init);
    } finally {
      answered();
    }
    // Remembered once Slack took the call (a 200; an `ok: false` edit of a missing message changes nothing).
    if (message && content && response.status === 200) limiter.remember(message, content);
    return response;
  };
}

/** One limiter per workspace (API URL and token) in this process: Bolt's client and the worker's share it. */
const limiters = new Map<string, SlackLimiter>();

/** Calls of a method's window a progress edit leaves for milestones (a tier's edits are shared by all threads). */
export const MILESTONE_RESERVE = 10;

/** The process's limiter for the workspace the configuration reaches (its API URL and bot token). */
export function workspaceLimiter(slack: {
  apiUrl: string;
  botToken: string;
  rateWindowScale?: number;
}): SlackLimiter {
  const windowScale = slack.rateWindowScale ?? 1;
  const key = `${slack.apiUrl}\n${slack.botToken}\n${windowScale}`;
  let limiter = limiters.get(key);
  if (!limiter) {
    limiter = new SlackLimiter({ windowScale });
    limiters.set(key, limiter);
  }
  return limiter;
}
