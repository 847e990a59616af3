import { createHash, randomBytes } from 'node:crypto';

/** A fresh uid shaped like Palette's: 24 lowercase hex digits. */
export function newUid(): string {
  return randomBytes(12).toString('hex');
}

/** A uid derived from its parts, so derived objects (machines, events) keep their id on every read. */
export function stableUid(...parts: (string | number)[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24);
}

const ADJECTIVES = [
  'able',
  'brave',
  'calm',
  'eager',
  'fair',
  'fast',
  'glad',
  'keen',
  'known',
  'lucky',
  'neat',
  'proud',
  'quick',
  'sharp',
  'steady',
  'tidy',
];
const NOUNS = [
  'bee',
  'crab',
  'deer',
  'eagle',
  'fox',
  'gecko',
  'heron',
  'ibex',
  'koala',
  'lynx',
  'mole',
  'newt',
  'otter',
  'puma',
  'quail',
  'seal',
];

/** A MAAS-style hostname (adjective-animal), stable for the same parts. */
export function maasHostname(...parts: (string | number)[]): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  return `${ADJECTIVES[digest[0]! % ADJECTIVES.length]}-${NOUNS[digest[1]! % NOUNS.length]}`;
}
