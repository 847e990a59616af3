import { describe, expect, it } from 'vitest';
import { HA_ADVICE } from '../../src/slack/blocks/gateway';
import { useStack } from '../support/stack';

const stack = useStack();
const slack = () => stack().slack!;

/** `/maas TEXT` typed by `user` in #platform-requests: the command's answer as Slack got it. */
async function maas(user: string, text: string) {
  const result = await slack().command(user, '/maas', text);
  expect(result.status).toBe(200);
  const body = result.body as { response_type: string; text: string; blocks: unknown[] };
  return { ...body, shown: JSON.stringify(body.blocks) };
}

/** The answer's section about one gateway (its line), found by name. */
const lineOf = (shown: string, name: string) =>
  shown.split('"text":"').find((part) => part.includes(`*${name}*`));

describe('/maas gateway', () => {
  it('lists each gateway with state, heartbeat age and nodes; the stale single-node one is flagged and advised', async () => {
    const answer = await maas(slack().users.outsider, 'gateway');
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toBe('2 Private Cloud Gateways, 1 needing attention.');

    const lab = lineOf(answer.shown, 'pcg-maas-lab')!;
    expect(lab).toContain(':large_green_circle:');
    expect(lab).toContain('Running');
    expect(lab).toMatch(/last heartbeat \d+ s ago, 3 nodes \(HA\)/);
    expect(lab).not.toContain('stale');

    const dc1 = lineOf(answer.shown, 'pcg-maas-dc1')!;
    expect(dc1).toContain(':red_circle:');
    expect(dc1).toContain('last heartbeat 5 h 17 min ago :warning: *stale*');
    expect(dc1).toContain('1 node (not HA)');
    // The HA advice is given once: for the single-node gateway only.
    expect(answer.shown.split(HA_ADVICE)).toHaveLength(2);
    expect(answer.shown).toContain('heartbeat within the last 5 min');
  });

  it('says Palette could not answer instead of failing', async () => {
    stack().palette!.injectOnce('GET', '/v1/overlords', {
      status: 403,
      body: { code: 'Forbidden', message: 'The API key may not read gateways' },
    });
    const answer = await maas(slack().users.requester, 'gateway');
    expect(answer.text).toBe(
      ':warning: I could not list the gateways: The API key may not read gateways. Please try again in a minute.',
    );
  });

  it('answers within Slack’s window when Palette is slow, saying so', async () => {
    stack().palette!.setFaults({ latencyMs: 2_500 });
    try {
      const answer = await maas(slack().users.requester, 'gateway');
      expect(answer.text).toContain('Palette did not answer within 1.5 s');
    } finally {
      stack().palette!.setFaults({});
    }
  });
});

describe('/maas gateway pairing-code', () => {
  it('refuses anyone but an admin, naming who can, and asks Palette nothing', async () => {
    const before = stack().palette!.counters().byOperation.pairingCode ?? 0;
    for (const user of [slack().users.requester, slack().users.approver, slack().users.outsider]) {
      const answer = await maas(user, 'gateway pairing-code');
      expect(answer.response_type).toBe('ephemeral');
      expect(answer.text).toContain('Only admins can get a gateway pairing code.');
      expect(answer.text).toContain(`Who can: admins (<@${slack().users.admin}>)`);
    }
    expect(stack().palette!.counters().byOperation.pairingCode ?? 0).toBe(before);
  });

  it('gives an admin the code and the install steps, only to them', async () => {
    const answer = await maas(slack().users.admin, 'gateway pairing-code');
    expect(answer.response_type).toBe('ephemeral');
    const code = /Pairing code for a new MAAS gateway: ([A-Z2-9]{6})$/.exec(answer.text)?.[1];
    expect(code).toBeDefined();
    for (const step of [
      'pairing code',
      'configuration',
      'installer',
      'Kind',
      '1 or 3 Ready machines with internet access',
    ])
      expect(answer.shown).toContain(step);
    expect(answer.shown).toContain('Production wants 3 nodes');
    // Ephemeral: only the admin sees it; nothing in the channel carries the code.
    expect(slack().ephemerals(slack().users.admin).at(-1)!.text).toContain(code!);
    expect(JSON.stringify(slack().messages(slack().channels.requests))).not.toContain(code!);
  });
});
