import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { auditLog, createLogger, secretScrubber } from './log';

const TOKEN = 'xoxb-1111-2222-secret-token';
const SIGNING = 'signing-secret-abcdef';
const PALETTE_KEY = 'palette-key-XYZ987';

/** Runs `log` and returns the JSON lines the logger printed. */
function captureLines(log: () => void): Record<string, unknown>[] {
  const chunks: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  const errors = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    log();
  } finally {
    write.mockRestore();
    errors.mockRestore();
  }
  return chunks
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

// The suite runs at WARN (vitest.config.ts); these tests read INFO lines.
beforeEach(() => vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO'));
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('createLogger', () => {
  it('prints structured lines with the service and the keys given', () => {
    const logger = createLogger('maas-chatops-worker', [TOKEN]);
    const [line] = captureLines(() => logger.info('job done', { clusterId: 'C1', jobKind: 'poll' }));
    expect(line).toMatchObject({
      level: 'INFO',
      message: 'job done',
      service: 'maas-chatops-worker',
      clusterId: 'C1',
      jobKind: 'poll',
    });
  });

  it('never prints a secret: not in messages, keys, nested values, error messages or stacks', () => {
    const logger = createLogger('svc', [TOKEN, SIGNING, PALETTE_KEY]);
    const child = logger.createChild({ persistentKeys: { clusterId: 'C2' } });
    const lines = captureLines(() => {
      logger.info(`calling with ${TOKEN}`, { headers: { ApiKey: PALETTE_KEY, list: [SIGNING] } });
      child.error('request failed', new Error(`401 for key ${PALETTE_KEY}`));
      logger.warn('both', { text: `${SIGNING}/${TOKEN}` });
    });
    const printed = JSON.stringify(lines);
    expect(lines).toHaveLength(3);
    for (const secret of [TOKEN, SIGNING, PALETTE_KEY]) expect(printed).not.toContain(secret);
    expect(lines[0]).toMatchObject({
      message: 'calling with [redacted]',
      headers: { ApiKey: '[redacted]', list: ['[redacted]'] },
    });
    expect(lines[1]).toMatchObject({ clusterId: 'C2', error: { message: '401 for key [redacted]' } });
    expect(lines[2]).toMatchObject({ text: '[redacted]/[redacted]' });
  });
});

describe('auditLog', () => {
  it('prints each line with the audit marker at INFO even when the log level hides INFO, scrubbed as any line', () => {
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'ERROR');
    const logger = createLogger('maas-chatops-http', [TOKEN]);
    const line = {
      at: '2030-01-01T12:00:00.000Z',
      actor: 'U0APPROVER',
      action: 'rejected' as const,
      clusterId: 'C1',
      clusterName: 'team-a-dev',
      fromState: 'PENDING_APPROVAL' as const,
      toState: 'REJECTED' as const,
      team: 'platform',
    };
    const lines = captureLines(() => {
      logger.info('hidden at ERROR');
      auditLog(logger)({ ...line, detail: `pasted ${TOKEN} by mistake` });
    });
    expect(lines).toEqual([
      {
        level: 'INFO',
        message: 'audit',
        timestamp: expect.any(String),
        service: 'maas-chatops-http',
        sampling_rate: 0,
        audit: true,
        ...line,
        detail: 'pasted [redacted] by mistake',
      },
    ]);
  });
});

describe('secretScrubber', () => {
  it('hides a secret that contains another one completely', () => {
    const scrub = secretScrubber(['abc123', 'xyz-abc123-tail', '']);
    expect(scrub('a xyz-abc123-tail b abc123 c')).toBe('a [redacted] b [redacted] c');
  });

  it('uses the marker it is given', () => {
    expect(secretScrubber(['abc123'], '***')('key abc123.')).toBe('key ***.');
  });
});
