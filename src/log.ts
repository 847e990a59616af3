import { Logger } from '@aws-lambda-powertools/logger';

const REDACTED = '[redacted]';

/**
 * The structured logger every runtime uses (Powertools Logger, JSON lines). Every string in every log line —
 * messages, keys' values, error messages and stacks — is scrubbed of the given secret values before printing.
 */
export function createLogger(serviceName: string, secrets: readonly string[]): Logger {
  const scrub = secretScrubber(secrets);
  return new Logger({
    serviceName,
    jsonReplacerFn: (_key: string, value: unknown) => (typeof value === 'string' ? scrub(value) : value),
  });
}

/**
 * A function that replaces each secret with `marker` (longest first, so one containing another is fully hidden).
 */
export function secretScrubber(secrets: readonly string[], marker = REDACTED): (text: string) => string {
  const ordered = [...new Set(secrets.filter((secret) => secret.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  return (text) => ordered.reduce((scrubbed, secret) => scrubbed.replaceAll(secret, marker), text);
}
