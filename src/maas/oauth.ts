import { randomUUID } from 'node:crypto';
import { secretScrubber } from '../log';

/** The three parts of a MAAS API key (`consumer_key:token_key:token_secret`). */
export interface MaasCredentials {
  consumerKey: string;
  tokenKey: string;
  tokenSecret: string;
}

/** A MAAS API key that cannot be used; the message explains the expected shape and never repeats the key. */
export class MaasKeyError extends Error {
  constructor(problem: string) {
    super(
      `MAAS_API_KEY is malformed: ${problem} Copy the whole key from MAAS (user preferences → API keys).`,
    );
    this.name = 'MaasKeyError';
  }
}

/** Splits a MAAS API key into its parts; throws MaasKeyError when it does not have three non-empty parts. */
export function parseMaasApiKey(apiKey: string): MaasCredentials {
  const parts = apiKey.trim().split(':');
  if (parts.length !== 3)
    throw new MaasKeyError(
      `expected three parts, consumer_key:token_key:token_secret, separated by ":" (found ${parts.length}).`,
    );
  const [consumerKey, tokenKey, tokenSecret] = parts as [string, string, string];
  if (parts.some((part) => part.length === 0 || /\s/.test(part)))
    throw new MaasKeyError('every part must be non-empty and free of spaces.');
  return { consumerKey, tokenKey, tokenSecret };
}

/** Percent-encodes an OAuth parameter value as RFC 5849 §3.6 asks (stricter than encodeURIComponent). */
function oauthEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Fixed nonce and timestamp, for tests that compare whole headers. */
export interface OAuthNonce {
  nonce: string;
  /** Seconds since the epoch. */
  timestamp: number;
}

/**
 * Builds the `Authorization` header MAAS expects: 0-legged OAuth 1.0 with the PLAINTEXT method, an empty
 * consumer secret (so the signature is `&token_secret`), and a fresh nonce and timestamp for every request.
 * Values are percent-encoded as RFC 5849 §3.5.1 says (the signature's `&` travels as `%26`, as MAAS's own
 * CLI sends it; MAAS decodes it back).
 */
export function oauthHeader(
  credentials: MaasCredentials,
  fixed: OAuthNonce = { nonce: randomUUID().replace(/-/g, ''), timestamp: Math.floor(Date.now() / 1000) },
): string {
  const params: [string, string][] = [
    ['oauth_version', '1.0'],
    ['oauth_signature_method', 'PLAINTEXT'],
    ['oauth_consumer_key', credentials.consumerKey],
    ['oauth_token', credentials.tokenKey],
    ['oauth_signature', `&${credentials.tokenSecret}`],
    ['oauth_nonce', fixed.nonce],
    ['oauth_timestamp', String(fixed.timestamp)],
  ];
  return `OAuth ${params.map(([name, value]) => `${name}="${oauthEncode(value)}"`).join(', ')}`;
}

/** Reads the parameters of an `Authorization: OAuth …` header (values decoded), or undefined if it is not one. */
export function parseOAuthHeader(header: string | undefined): Record<string, string> | undefined {
  const match = /^OAuth\s+(.*)$/i.exec(header?.trim() ?? '');
  if (!match) return undefined;
  const params: Record<string, string> = {};
  for (const pair of match[1]!.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    const raw = pair
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    try {
      params[name] = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  }
  return params;
}

/** Replaces every part of the key found in `text` (e.g. an error body echoing a header) with `***`. */
export function redactCredentials(text: string, credentials: MaasCredentials): string {
  return secretScrubber(
    [credentials.tokenSecret, credentials.tokenKey, credentials.consumerKey],
    '***',
  )(text);
}
