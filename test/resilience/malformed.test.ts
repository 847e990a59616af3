import { describe, expect, it } from 'vitest';
import { submitRequest } from '../integration/approvals.support';
import { withDateHeld } from '../support/clock';
import { seedCluster } from '../support/day2';
import { useStack } from '../support/stack';
import { effectfulRequests } from './support/bases';
import { effectsBetween, effectsNow } from './support/effects';
import { send, signedPost } from './support/signed';
import { malformedSigned, TAMPERINGS } from './support/tampering';

const getStack = useStack();

/** The stack's places: a request waiting on its card, and a running cluster (both real, with effects if touched). */
async function places(suffix: string) {
  const stack = getStack();
  const { record: pending, card } = await submitRequest(stack, { name: `pending-${suffix}` });
  const running = await seedCluster(stack, { name: `running-${suffix}` });
  return { pending, card, running };
}

describe('requests that are not genuine Slack requests', () => {
  it('are all refused with a 4xx and change nothing: no Web API call, no Palette call, no store write', async () => {
    const stack = getStack();
    const secret = stack.deps.config.slack.signingSecret;
    const bases = effectfulRequests(stack.slack!, await places('tampered'));
    // Built just before each is sent, with the clock held (test/support/clock.ts): a timestamp 301 s ahead is
    // still 301 s ahead when the bot reads it, however slow the machine.
    const requests = [
      ...bases.flatMap((base) =>
        TAMPERINGS.map((tampering) => ({
          name: `${base.name} — ${tampering.name}`,
          build: () => tampering.apply(base, secret),
        })),
      ),
      ...malformedSigned(secret).map(({ name, request }) => ({ name, build: () => request })),
    ];
    expect(requests.length).toBeGreaterThanOrEqual(300);

    const before = await effectsNow(stack);
    const answered: string[] = [];
    for (const { name, build } of requests) {
      const answer = await withDateHeld(() => send(stack.url, build()));
      if (answer.status < 400 || answer.status > 499)
        answered.push(`${answer.status} ${name}: ${answer.text.slice(0, 120)}`);
    }
    expect(answered).toEqual([]);
    expect(effectsBetween(before, await effectsNow(stack))).toEqual({
      slackCalls: 0,
      paletteCalls: 0,
      storeWrites: 0,
    });
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
