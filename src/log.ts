import { Logger } from '@aws-lambda-powertools/logger';
import type { AuditLine } from './domain/audit';

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

/** The fixed key and value that mark an audit line, for a log subscription filter: `{ $.audit IS TRUE }`. */
export const AUDIT_MARKER = { audit: true } as const;

/**
 * Writes audit lines through `logger` (its service name, its secret scrubbing) as INFO lines with the audit
 * marker and the message `audit`, at INFO whatever the log level is set to: a trail must not depend on it.
 */
export function auditLog(logger: Logger): (line: AuditLine) => void {
  const audit = logger.createChild({ logLevel: 'INFO', persistentKeys: AUDIT_MARKER });
  return (line) => audit.info('audit', { ...line });
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
