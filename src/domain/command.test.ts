import { describe, expect, it } from 'vitest';
import { closestSubcommand, editDistance, helpLines, parseCommand, SUBCOMMANDS } from './command';

describe('parseCommand', () => {
  it.each([
    ['', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['create-cluster', { kind: 'create-cluster' }],
    ['create-cluster team-a', { kind: 'create-cluster', name: 'team-a' }],
    ['  LIST  ', { kind: 'list', page: 1, all: false }],
    ['list 3', { kind: 'list', page: 3, all: false }],
    ['list all', { kind: 'list', page: 1, all: true }],
    ['list ALL 2', { kind: 'list', page: 2, all: true }],
    ['quota', { kind: 'quota' }],
    ['status team-a', { kind: 'status', name: 'team-a' }],
    ['delete team-a', { kind: 'delete', name: 'team-a' }],
    ['abort team-a', { kind: 'abort', name: 'team-a' }],
    ['force-delete team-a', { kind: 'force-delete', name: 'team-a' }],
    ['scale team-a worker-pool 5', { kind: 'scale', name: 'team-a', pool: 'worker-pool', size: 5 }],
    ['gateway', { kind: 'gateway' }],
    ['gateway pairing-code', { kind: 'pairing-code' }],
  ])('reads %j', (text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });

  it('suggests the closest subcommand for a typo, keeping the arguments', () => {
    expect(parseCommand('crate-cluster team-a')).toEqual({
      kind: 'error',
      message: "I don't know `crate-cluster`. Did you mean `/maas create-cluster team-a`?",
      suggestion: 'create-cluster',
    });
    expect(parseCommand('stauts x')).toMatchObject({ suggestion: 'status' });
    expect(parseCommand('force x')).toMatchObject({ suggestion: 'force-delete' });
  });

  it('has no suggestion for text far from any subcommand', () => {
    expect(parseCommand('pizza')).toEqual({ kind: 'error', message: "I don't know `pizza`." });
  });

  it('escapes what the person typed', () => {
    const result = parseCommand('<!channel> hi');
    expect(result).toMatchObject({ kind: 'error' });
    if (result.kind === 'error') {
      expect(result.message).not.toContain('<!channel>');
      expect(result.message).toContain('&lt;!channel&gt;');
    }
  });

  it('explains missing and extra arguments with the usage and an example', () => {
    expect(parseCommand('delete')).toEqual({
      kind: 'error',
      message: '`/maas delete` needs more: `/maas delete NAME`, e.g. `/maas delete team-a-dev`.',
    });
    expect(parseCommand('status a b')).toMatchObject({
      message: expect.stringContaining('takes fewer words'),
    });
    expect(parseCommand('scale a b')).toMatchObject({
      message: expect.stringContaining('scale NAME POOL SIZE'),
    });
    expect(parseCommand('quota payments')).toMatchObject({
      message: '`/maas quota` takes fewer words: `/maas quota`, e.g. `/maas quota`.',
    });
    expect(parseCommand('list all 2 3')).toMatchObject({
      message: expect.stringContaining('takes fewer words'),
    });
  });

  it('refuses a size or page that is not a whole number', () => {
    expect(parseCommand('scale a pool three')).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('whole number'),
    });
    expect(parseCommand('scale a pool 2.5')).toMatchObject({ kind: 'error' });
    expect(parseCommand('list 0')).toMatchObject({ kind: 'error' });
  });

  it('refuses an unknown gateway subcommand', () => {
    expect(parseCommand('gateway pair')).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('pairing-code'),
    });
  });
});

describe('help', () => {
  it('has one line per subcommand, each with an example', () => {
    const lines = helpLines({ forceDeleteAfterSeconds: 900 });
    expect(lines).toHaveLength(SUBCOMMANDS.length);
    for (const line of lines) expect(line).toMatch(/^`\/maas [a-z-]+.*` — .+ _e\.g\._ `\/maas /);
  });

  it('says the force-delete wait this bot is configured for', () => {
    const line = (seconds: number) =>
      helpLines({ forceDeleteAfterSeconds: seconds }).find((text) => text.includes('force-delete NAME'));
    expect(line(900)).toContain('stuck deleting for 15 minutes');
    expect(line(120)).toContain('stuck deleting for 2 minutes');
    expect(line(60)).toContain('stuck deleting for 1 minute.');
    expect(line(90)).toContain('stuck deleting for 90 seconds');
  });
});

describe('near misses', () => {
  it('measures edit distance', () => {
    expect(editDistance('crate', 'create')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('accepts unique prefixes', () => {
    expect(closestSubcommand('cr')).toBe('create-cluster');
    expect(closestSubcommand('gate')).toBe('gateway');
  });
});
