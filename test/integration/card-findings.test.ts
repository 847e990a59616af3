import { describe, expect, it } from 'vitest';
import { gatewayHealth } from '../../src/palette/gateway-health';
import { teamPalette, useStack } from '../support/stack';
import { messageAt, shown, standIns, submitRequest } from './approvals.support';

const getStack = useStack({ simulateMaas: true });

describe('the approval card warns approvers', () => {
  it('about an account whose gateway is not healthy, and lists the overrides with the unknown keys', async () => {
    const stack = getStack();
    standIns(stack);
    const palette = teamPalette(stack);
    const gateways = await palette.listGateways();
    const accounts = await palette.listMaasAccounts();
    // The seed has an account behind a gateway whose last heartbeat is hours old.
    const stale = gateways.find((gateway) => !gatewayHealth(gateway, stack.deps.now()).healthy)!;
    const behindStale = accounts.find((account) => account.overlordUid === stale.uid)!;
    const [domain] = await palette.accountDomains(behindStale.uid);
    const { card } = await submitRequest(stack, {
      name: 'card-warns',
      spec: {
        cloudAccountUid: behindStale.uid,
        cloudAccountName: behindStale.name,
        domain: domain!,
        packOverrides: [
          { pack: 'kubernetes', path: 'pack.podCIDR', value: '10.10.0.0/16' },
          { pack: 'kubernetes', path: 'pack.nosuchkey', value: '1' },
        ],
      },
    });
    const text = shown(messageAt(stack, card));
    expect(text).toMatch(
      /:warning: The gateway \S+ of \S+ is not healthy \(.+\): this request will stall until it is back\./,
    );
    expect(text).toContain(
      '*Pack values*\n• kubernetes: `pack.podCIDR` = `10.10.0.0/16`\n• kubernetes: `pack.nosuchkey` = `1`',
    );
    expect(text).toContain(
      'has no such key, so Palette adds it as written (a typo?): `kubernetes: pack.nosuchkey`',
    );
    expect(text).toContain('Counted in the MAAS at');
  });
});
