import type { KnownBlock } from '@slack/types';
import { escapeText, truncate } from '../../domain/text';
import { formatDuration } from '../../domain/time';
import { gatewayHealth, STALE_HEARTBEAT_SECONDS } from '../../palette/gateway-health';
import type { Gateway } from '../../palette/port';
import type { Answer } from './answers';
import { context, section } from './cluster-facts';

/** Gateways listed in one answer (two blocks each keeps a message under Slack's 50 blocks). */
const GATEWAYS_SHOWN = 20;

/** What production wants of a gateway, and that one node is not the end of it (the seed's advice). */
export const HA_ADVICE =
  'Production wants 3 nodes (high availability): with 1 node, the gateway going down stops Palette from managing ' +
  'the clusters behind it. A gateway can be resized from 1 to 3 nodes later.';

function nodesText(count: number): string {
  if (count === 0) return 'node count not reported';
  if (count === 1) return '1 node (not HA)';
  return count >= 3 ? `${count} nodes (HA)` : `${count} nodes`;
}

function gatewayBlocks(gateway: Gateway, now: Date): KnownBlock[] {
  const health = gatewayHealth(gateway, now);
  const name = escapeText(truncate(gateway.name, 80));
  const state = escapeText(truncate(gateway.state, 40));
  const heartbeat =
    health.heartbeatAgeSeconds === undefined
      ? ':warning: no heartbeat reported'
      : `last heartbeat ${formatDuration(health.heartbeatAgeSeconds * 1000)} ago${health.stale ? ' :warning: *stale*' : ''}`;
  const emoji = health.healthy ? ':large_green_circle:' : ':red_circle:';
  const blocks = [section(`${emoji} *${name}* — ${state}, ${heartbeat}, ${nodesText(gateway.nodeCount)}`)];
  if (gateway.nodeCount === 1) blocks.push(context(`:information_source: Single node. ${HA_ADVICE}`));
  return blocks;
}

/** `/maas gateway`: each Private Cloud Gateway with its state, heartbeat age (stale ones flagged) and nodes. */
export function gatewayListAnswer(gateways: Gateway[], now: Date): Answer {
  const unhealthy = gateways.filter((gateway) => !gatewayHealth(gateway, now).healthy).length;
  const summary =
    gateways.length === 0
      ? 'Palette lists no Private Cloud Gateways. An admin can add one with `/maas gateway pairing-code`.'
      : `${gateways.length} Private Cloud Gateway${gateways.length === 1 ? '' : 's'}, ${unhealthy} needing attention.`;
  const shown = gateways.slice(0, GATEWAYS_SHOWN);
  const more = gateways.length - shown.length;
  return {
    text: summary,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: 'Private Cloud Gateways' } },
      section(summary),
      ...shown.flatMap((gateway) => gatewayBlocks(gateway, now)),
      ...(more > 0 ? [context(`…and ${more} more in Palette.`)] : []),
      context(
        `Healthy = Palette state Running and a heartbeat within the last ${STALE_HEARTBEAT_SECONDS / 60} min; older is flagged stale.`,
      ),
    ],
  };
}

/** The seed's install steps for a new MAAS gateway, in order. */
const PAIRING_STEPS = [
  'In Palette, add a Private Cloud Gateway for MAAS and enter this *pairing code* when asked: it ties the new gateway to your Palette account.',
  'Generate the gateway *configuration* (the installer asks for it, or writes it as a configuration script): the pairing code, the MAAS API endpoint and API key, the MAAS domain, DNS, NTP and proxy settings, and the number of nodes.',
  'Run the *installer* on a Linux host with Docker: it starts a temporary Kind cluster that deploys the gateway onto MAAS, then removes itself.',
  'MAAS must have *1 or 3 Ready machines with internet access* (outbound HTTPS to Palette) for the gateway nodes.',
];

/** `/maas gateway pairing-code`: the code for a new MAAS gateway and how to install one (admins only). */
export function pairingCodeAnswer(code: string): Answer {
  const steps = PAIRING_STEPS.map((step, index) => `${index + 1}. ${step}`).join('\n');
  const text = `Pairing code for a new MAAS gateway: ${code}`;
  return {
    text,
    blocks: [
      section(`:key: Pairing code for a new MAAS gateway: \`${escapeText(truncate(code, 100))}\``),
      section(`*Install steps*\n${steps}`),
      context(`:information_source: ${HA_ADVICE} Use 1 node to try things out.`),
      context(
        'Only you can see this message. Treat the code like a password: it pairs a gateway with Palette.',
      ),
    ],
  };
}
