import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../src/local/stack';
import { submitRequest } from '../integration/approvals.support';
import { withDateHeld } from '../support/clock';
import { seedCluster } from '../support/day2';
import { useStack } from '../support/stack';
import { type BaseRequest, effectfulRequests } from './support/bases';
import { effectsBetween, effectsNow } from './support/effects';
import { type RawRequest, send, signedPost } from './support/signed';
import { malformedSigned, TAMPERINGS } from './support/tampering';

const getStack = useStack();

/** The stack's places: a request waiting on its card, and a running cluster (both real, with effects if touched). */
async function places(suffix: string) {
  const stack = getStack();
  const { record: pending, card } = await submitRequest(stack, { name: `pending-${suffix}` });
  const running = await seedCluster(stack, { name: `running-${suffix}` });
  return { pending, card, running };
}

/** Sends each request (built just before it goes) and says which were not refused with a 4xx. */
async function notRefused(stack: LocalStack, requests: { name: string; build: () => RawRequest }[]) {
  const answered: string[] = [];
  for (const { name, build } of requests) {
    // With the clock held (test/support/clock.ts): a timestamp 301 s ahead is still 301 s ahead when the bot
    // reads it, however slow the machine.
    const answer = await withDateHeld(() => send(stack.url, build()));
    if (answer.status < 400 || answer.status > 499)
      answered.push(`${answer.status} ${name}: ${answer.text.slice(0, 120)}`);
  }
  return answered;
}

const NOTHING = { slackCalls: 0, paletteCalls: 0, storeWrites: 0 };

describe('requests that are not genuine Slack requests', () => {
  let bases: BaseRequest[];
  let secret: string;
  beforeAll(async () => {
    secret = getStack().deps.config.slack.signingSecret;
    bases = effectfulRequests(getStack().slack!, await places('tampered'));
  });

  it('cover every kind of request, each tampered every way: over 300 in all', () => {
    expect(bases.length * TAMPERINGS.length + malformedSigned(secret).length).toBeGreaterThanOrEqual(300);
  });

  // One test per tampering (a request of each kind), so none runs long enough to meet its timeout when busy.
  for (const tampering of TAMPERINGS)
    it(`are refused with a 4xx and change nothing (no Web API call, Palette call or store write): ${tampering.name}`, async () => {
      const stack = getStack();
      const before = await effectsNow(stack);
      const requests = bases.map((base) => ({
        name: `${base.name} — ${tampering.name}`,
        build: () => tampering.apply(base, secret),
      }));
      expect(await notRefused(stack, requests)).toEqual([]);
      expect(effectsBetween(before, await effectsNow(stack))).toEqual(NOTHING);
    });

  it('are refused with a 4xx and change nothing: correctly signed bodies that are not Slack requests', async () => {
    const stack = getStack();
    const before = await effectsNow(stack);
    const requests = malformedSigned(secret).map(({ name, request }) => ({ name, build: () => request }));
    expect(await notRefused(stack, requests)).toEqual([]);
    expect(effectsBetween(before, await effectsNow(stack))).toEqual(NOTHING);
  });

  it('while the same requests, genuine, each do change something (so the count above would have seen it)', async () => {
    const stack = getStack();
    const secret = stack.deps.config.slack.signingSecret;
    const bases = effectfulRequests(stack.slack!, await places('genuine'));
    const inert: string[] = [];
    for (const base of bases) {
      const before = await effectsNow(stack);
      const answer = await send(stack.url, signedPost(secret, base.body, { contentType: base.contentType }));
      expect(answer.status, base.name).toBe(200);
      const changed = effectsBetween(before, await effectsNow(stack));
      if (changed.slackCalls + changed.paletteCalls + changed.storeWrites === 0) inert.push(base.name);
    }
    expect(inert).toEqual([]);
  });
});
