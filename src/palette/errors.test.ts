import { describe, expect, it } from 'vitest';
import { isNotFound, PaletteError, paletteError } from './errors';

const KEY = 'pk_live_3f9a8b7c6d5e4f3a2b1c';

describe('paletteError scrubbing', () => {
  const redact = (message: string, secrets: readonly string[]) =>
    paletteError({ status: 500, code: 'Internal', message, method: 'GET', path: '/' }, secrets).message;

  it('replaces every occurrence of each secret and ignores empty ones', () => {
    expect(redact(`a ${KEY} b ${KEY}`, [KEY, ''])).toBe('a [redacted] b [redacted]');
    expect(redact('nothing here', [KEY])).toBe('nothing here');
  });
});

describe('PaletteError', () => {
  const error = paletteError(
    {
      status: 401,
      code: `Unauthorized ${KEY}`,
      message: `Invalid ApiKey header: ${KEY}`,
      ref: `ref-${KEY}`,
      method: 'GET',
      path: `/v1/spectroclusters/validate/name`,
    },
    [KEY],
  );

  it('keeps status, code, message, ref and the request, scrubbed of the secrets', () => {
    expect(error).toBeInstanceOf(PaletteError);
    expect(error).toMatchObject({
      status: 401,
      code: 'Unauthorized [redacted]',
      message: 'Invalid ApiKey header: [redacted]',
      ref: 'ref-[redacted]',
      method: 'GET',
    });
  });

  it('never shows the key in its message, String() or JSON', () => {
    for (const text of [error.message, String(error), JSON.stringify(error), error.stack ?? ''])
      expect(text).not.toContain(KEY);
    expect(String(error)).toBe(
      'PaletteError 401 Unauthorized [redacted] on GET /v1/spectroclusters/validate/name: Invalid ApiKey header: [redacted]',
    );
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      status: 401,
      message: 'Invalid ApiKey header: [redacted]',
    });
  });

  it('says "gave no answer" when Palette could not be reached', () => {
    const unreachable = new PaletteError({
      status: 0,
      code: 'ECONNREFUSED',
      message: 'down',
      method: 'GET',
      path: '/v1/x',
    });
    expect(String(unreachable)).toContain('gave no answer ECONNREFUSED');
  });

  it('recognises a 404 as not found, and nothing else', () => {
    const gone = new PaletteError({
      status: 404,
      code: 'ResourceNotFound',
      message: 'x',
      method: 'GET',
      path: '/',
    });
    expect(isNotFound(gone)).toBe(true);
    expect(isNotFound(error)).toBe(false);
    expect(isNotFound(new Error('404'))).toBe(false);
  });
});
