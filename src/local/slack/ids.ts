import { randomBytes } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Slack-shaped identifiers from the emulator's clock: message timestamps, view ids, trigger ids, hashes. */
export class Ids {
  private lastMicros = 0;

  constructor(private readonly now: () => number) {}

  /** A message timestamp ("1712345678.000123"): unique and increasing, like Slack's. */
  ts(): string {
    this.lastMicros = Math.max(this.now() * 1000, this.lastMicros + 1);
    const micros = this.lastMicros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  /** An id with Slack's prefix letter: `V` views, `D` DMs, `Ev` events. */
  id(prefix: string, length = 10): string {
    const bytes = randomBytes(length);
    return prefix + Array.from(bytes, (byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');
  }

  /** A trigger id ("1234567890.9876543210.0a1b2c…"). */
  triggerId(): string {
    return `${Math.floor(this.now() / 1000)}.${1000000 + Math.floor(Math.random() * 9000000)}.${randomBytes(16).toString('hex')}`;
  }

  /** A view hash ("1712345678.AbCdEf12"). */
  hash(): string {
    return `${Math.floor(this.now() / 1000)}.${randomBytes(6).toString('base64url')}`;
  }
}
