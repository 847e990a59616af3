import { isValidSlackRequest } from '@slack/bolt';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seeded } from '../../test/support/property';
import { SIGNATURE_WINDOW_SECONDS, signSlackBody, verifySlackSignature } from './verify';

const SECRET = 'unit-test-signing-secret';
const NOW_SECONDS = 1_900_000_000;
const NOW = NOW_SECONDS * 1000;
const BODY = 'token=x&command=%2Fmaas&text=help';

const signed = (
  overrides: Partial<{ rawBody: string; timestamp: string; secret: string; now: number }> = {},
) => {
  const timestamp = overrides.timestamp ?? String(NOW_SECONDS);
  const rawBody = overrides.rawBody ?? BODY;
  return {
    rawBody,
    timestamp,
    signature: signSlackBody(overrides.secret ?? SECRET, timestamp, rawBody),
    now: overrides.now ?? NOW,
  };
};

describe('signSlackBody', () => {
  it('matches the worked example in Slack’s "Verifying requests" guide', () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(signSlackBody('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, body)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });
});

describe('verifySlackSignature', () => {
  it('accepts a request signed with the secret within the window', () => {
    expect(verifySlackSignature(SECRET, signed())).toEqual({ ok: true });
  });

  it('refuses a signature made with another secret', () => {
    expect(verifySlackSignature(SECRET, signed({ secret: 'another-secret' }))).toEqual({
      ok: false,
      reason: 'signature-mismatch',
    });
  });

  it('refuses a body changed after signing', () => {
    const request = { ...signed(), rawBody: `${BODY}&text=delete` };
    expect(verifySlackSignature(SECRET, request)).toEqual({ ok: false, reason: 'signature-mismatch' });
  });

  it('refuses a timestamp changed after signing', () => {
    const request = { ...signed(), timestamp: String(NOW_SECONDS - 1) };
    expect(verifySlackSignature(SECRET, request)).toEqual({ ok: false, reason: 'signature-mismatch' });
  });

  it('takes timestamps up to five minutes away in either direction, and refuses beyond', () => {
    for (const offset of [-SIGNATURE_WINDOW_SECONDS, SIGNATURE_WINDOW_SECONDS])
      expect(verifySlackSignature(SECRET, signed({ timestamp: String(NOW_SECONDS + offset) })).ok).toBe(true);
    for (const offset of [-SIGNATURE_WINDOW_SECONDS - 1, SIGNATURE_WINDOW_SECONDS + 1])
      expect(verifySlackSignature(SECRET, signed({ timestamp: String(NOW_SECONDS + offset) }))).toEqual({
        ok: false,
        reason: 'outside-window',
      });
  });

  it('refuses missing headers', () => {
    const request = signed();
    expect(verifySlackSignature(SECRET, { ...request, signature: undefined })).toEqual({
      ok: false,
      reason: 'missing-headers',
    });
    expect(verifySlackSignature(SECRET, { ...request, timestamp: null })).toEqual({
      ok: false,
      reason: 'missing-headers',
    });
  });

  it('refuses garbled headers without comparing anything', () => {
    const request = signed();
    const hex = request.signature.slice(3);
    for (const signature of [
      `v1=${hex}`,
      hex,
      `v0=${hex.slice(2)}`,
      `v0=${hex.toUpperCase()}`,
      `v0=${hex}00`,
    ])
      expect(verifySlackSignature(SECRET, { ...request, signature })).toEqual({
        ok: false,
        reason: 'malformed-headers',
      });
    for (const timestamp of ['abc', '1.9e9', '-5', ''])
      expect(verifySlackSignature(SECRET, { ...request, timestamp }).ok).toBe(false);
  });

  it('agrees with Bolt’s own verifier on arbitrary bodies, secrets and clock skews', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string(),
        fc.integer({ min: -400, max: 400 }),
        fc.boolean(),
        (secret, rawBody, skew, tamper) => {
          const timestamp = String(NOW_SECONDS + skew);
          const signature = signSlackBody(secret, timestamp, rawBody);
          const body = tamper ? `${rawBody}x` : rawBody;
          const ours = verifySlackSignature(secret, { rawBody: body, timestamp, signature, now: NOW }).ok;
          const bolts = isValidSlackRequest({
            signingSecret: secret,
            body,
            headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) },
            nowMilliseconds: NOW,
          });
          // Bolt refuses only stale timestamps; we also refuse ones from the future (both beyond 5 minutes).
          const future = skew > SIGNATURE_WINDOW_SECONDS;
          expect(ours).toBe(bolts && !future);
        },
      ),
      seeded('signatures against Bolt’s verifier', 100),
    );
  });
});
