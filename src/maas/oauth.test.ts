import { describe, expect, it } from 'vitest';
import { MaasKeyError, oauthHeader, parseMaasApiKey, parseOAuthHeader, redactCredentials } from './oauth';

const KEY = 'ConsumerAbc123:TokenDef456:SecretGhi789xyz';

describe('parseMaasApiKey', () => {
  it('splits consumer key, token key and token secret', () => {
    expect(parseMaasApiKey(` ${KEY}\n`)).toEqual({
      consumerKey: 'ConsumerAbc123',
      tokenKey: 'TokenDef456',
      tokenSecret: 'SecretGhi789xyz',
    });
  });

  it.each([
    ['two parts', 'ConsumerAbc123:TokenDef456'],
    ['four parts', `${KEY}:extra`],
    ['an empty part', 'ConsumerAbc123::SecretGhi789xyz'],
    ['a space inside', 'ConsumerAbc123:Token Def456:SecretGhi789xyz'],
  ])('refuses a key with %s, without repeating it', (_, key) => {
    const error = (() => {
      try {
        parseMaasApiKey(key);
      } catch (caught) {
        return caught as Error;
      }
      throw new Error('expected a MaasKeyError');
    })();
    expect(error).toBeInstanceOf(MaasKeyError);
    expect(error.message).toMatch(/consumer_key:token_key:token_secret|non-empty/);
    for (const part of key.split(/[:\s]/).filter((p) => p.length > 3))
      expect(error.message).not.toContain(part);
  });
});

describe('oauthHeader', () => {
  const credentials = parseMaasApiKey(KEY);

  it('is OAuth 1.0 PLAINTEXT with the token secret as signature', () => {
    const header = oauthHeader(credentials, { nonce: 'abc123', timestamp: 1_700_000_000 });
    expect(header).toBe(
      'OAuth oauth_version="1.0", oauth_signature_method="PLAINTEXT", oauth_consumer_key="ConsumerAbc123", ' +
        'oauth_token="TokenDef456", oauth_signature="%26SecretGhi789xyz", oauth_nonce="abc123", ' +
        'oauth_timestamp="1700000000"',
    );
    expect(parseOAuthHeader(header)).toEqual({
      oauth_version: '1.0',
      oauth_signature_method: 'PLAINTEXT',
      oauth_consumer_key: 'ConsumerAbc123',
      oauth_token: 'TokenDef456',
      oauth_signature: '&SecretGhi789xyz',
      oauth_nonce: 'abc123',
      oauth_timestamp: '1700000000',
    });
  });

  it('uses a fresh nonce and the current time for each request', () => {
    const before = Math.floor(Date.now() / 1000);
    const first = parseOAuthHeader(oauthHeader(credentials))!;
    const second = parseOAuthHeader(oauthHeader(credentials))!;
    expect(first.oauth_nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(first.oauth_nonce).not.toBe(second.oauth_nonce);
    expect(Number(first.oauth_timestamp)).toBeGreaterThanOrEqual(before);
    expect(Number(first.oauth_timestamp)).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it('percent-encodes reserved characters in values', () => {
    const header = oauthHeader(
      { consumerKey: "a b!'()*", tokenKey: 't', tokenSecret: 's&=' },
      { nonce: 'n', timestamp: 1 },
    );
    expect(header).toContain('oauth_consumer_key="a%20b%21%27%28%29%2A"');
    expect(header).toContain('oauth_signature="%26s%26%3D"');
    expect(parseOAuthHeader(header)?.oauth_consumer_key).toBe("a b!'()*");
  });
});

describe('parseOAuthHeader', () => {
  it('reads the unencoded form MAAS documents for curl', () => {
    expect(
      parseOAuthHeader(
        'OAuth oauth_version=1.0, oauth_signature_method=PLAINTEXT, oauth_consumer_key=c, oauth_token=t, oauth_signature=&s, oauth_nonce=n, oauth_timestamp=1',
      ),
    ).toMatchObject({ oauth_signature: '&s', oauth_token: 't' });
  });

  it('is undefined for other schemes and undecodable values', () => {
    expect(parseOAuthHeader('Bearer abc')).toBeUndefined();
    expect(parseOAuthHeader(undefined)).toBeUndefined();
    expect(parseOAuthHeader('OAuth oauth_token="%E0%A4%A"')).toBeUndefined();
  });
});

describe('redactCredentials', () => {
  it('removes every part of the key from a text', () => {
    const text = `got oauth_consumer_key=ConsumerAbc123 token TokenDef456 sig &SecretGhi789xyz`;
    const redacted = redactCredentials(text, parseMaasApiKey(KEY));
    expect(redacted).toBe('got oauth_consumer_key=*** token *** sig &***');
  });
});
