import { describe, expect, it } from 'vitest';
import { gatewayHealth, STALE_HEARTBEAT_SECONDS } from '../../palette/gateway-health';
import type { Gateway } from '../../palette/port';
import { gatewayListAnswer } from './gateway';

const NOW = new Date('2030-05-01T12:00:00Z');
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString();
const gateway = (overrides: Partial<Gateway> = {}): Gateway => ({
  uid: 'g-1',
  name: 'pcg-1',
  state: 'Running',
  nodeCount: 3,
  lastHeartbeat: ago(10),
  ...overrides,
});

describe('gatewayHealth', () => {
  it('is healthy when Running with a heartbeat within the threshold, stale just past it', () => {
    expect(gatewayHealth(gateway({ lastHeartbeat: ago(STALE_HEARTBEAT_SECONDS) }), NOW)).toMatchObject({
      healthy: true,
      stale: false,
    });
    expect(gatewayHealth(gateway({ lastHeartbeat: ago(STALE_HEARTBEAT_SECONDS + 1) }), NOW)).toMatchObject({
      healthy: false,
      stale: true,
    });
  });

  it('is not healthy when Palette says so, or when there is no heartbeat at all', () => {
    expect(gatewayHealth(gateway({ state: 'Unknown' }), NOW).healthy).toBe(false);
    const { lastHeartbeat: _none, ...silent } = gateway();
    expect(gatewayHealth(silent, NOW)).toEqual({ healthy: false, stale: true });
  });
});

describe('gatewayListAnswer', () => {
  it('escapes names and keeps a long list within Slack’s 50 blocks', () => {
    const many = Array.from({ length: 40 }, (_, index) =>
      gateway({ uid: `g-${index}`, name: `<!here>-${index}`, nodeCount: 1 }),
    );
    const answer = gatewayListAnswer(many, NOW);
    expect(answer.blocks!.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(answer.blocks)).not.toContain('<!here>');
    expect(JSON.stringify(answer.blocks)).toContain('…and 20 more in Palette.');
  });

  it('says what to do when there is no gateway', () => {
    expect(gatewayListAnswer([], NOW).text).toContain('/maas gateway pairing-code');
  });
});
