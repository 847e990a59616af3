import { describe, expect, it } from 'vitest';
import { limitOf, SlidingWindow } from './limits';

describe('SlidingWindow', () => {
  it('lets `limit` calls go in a window, then waits for the oldest to leave it', () => {
    const window = new SlidingWindow({ limit: 3, windowMs: 100 });
    for (const at of [0, 10, 20]) {
      expect(window.waitMs(at)).toBe(0);
      window.record(at);
    }
    expect(window.waitMs(30)).toBe(70);
    expect(window.waitMs(100)).toBe(0);
    expect(window.used(105)).toBe(2);
  });

  it('counts a call still in flight as made now, however long ago it was sent, until its answer', () => {
    const window = new SlidingWindow({ limit: 2, windowMs: 100 });
    const first = window.record(0, true);
    window.record(1);
    // Sent long ago but not answered: a busy process may deliver it only now, so it still takes a place.
    expect(window.waitMs(500)).toBe(0);
    window.record(500);
    expect(window.used(550)).toBe(2);
    expect(window.waitMs(550)).toBe(50);
    expect(window.waitMs(599)).toBe(1);
    SlidingWindow.answer(first, 610);
    expect(window.waitMs(620)).toBe(0);
    // Full again with the call answered at 610 the oldest: the next waits for it to leave the window.
    window.record(620);
    expect(window.used(650)).toBe(2);
    expect(window.waitMs(650)).toBe(60);
  });
  it('holds a new call while the window is full of calls still in flight', () => {
    const window = new SlidingWindow({ limit: 2, windowMs: 100 });
    const sent = [window.record(0, true), window.record(1, true)];
    // Both may reach Slack only now (a loaded event loop): a third sent now could land beside them.
    expect(window.waitMs(300)).toBe(100);
    SlidingWindow.answer(sent[0]!, 320);
    expect(window.waitMs(330)).toBe(90);
    expect(window.waitMs(420)).toBe(0);
  });
});

describe('limitOf', () => {
  it("paces chat.postMessage per channel and everything else per method's tier", () => {
    expect(limitOf('chat.postMessage', 'C1')).toEqual({
      key: 'chat.postMessage#C1',
      limit: 3,
      windowMs: 3_000,
    });
    expect(limitOf('chat.update', 'C1')).toEqual({ key: 'chat.update', limit: 50, windowMs: 60_000 });
    expect(limitOf('users.list', undefined)).toEqual({ key: 'users.list', limit: 20, windowMs: 60_000 });
    expect(limitOf('some.new.method', undefined).limit).toBe(50);
  });
});
