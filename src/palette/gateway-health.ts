import type { ReviewFindings } from '../domain/cluster';
import { escapeText } from '../domain/text';
import { formatDuration } from '../domain/time';
import { PaletteError } from './errors';
import type { CloudAccount, Gateway, Palette } from './port';

/**
 * A gateway whose last heartbeat is older than this is flagged as stale. Palette's gateways report every few
 * seconds and Palette itself marks one unhealthy after a few missed minutes; 5 minutes leaves room for a restart
 * without crying wolf.
 */
export const STALE_HEARTBEAT_SECONDS = 300;

/** How one gateway is doing: healthy (Running with a recent heartbeat) or not, and why. */
export interface GatewayHealth {
  healthy: boolean;
  stale: boolean;
  /** Seconds since the last heartbeat, when Palette reported one. */
  heartbeatAgeSeconds?: number;
}

/** Judges a gateway's health at `now`: Palette's state must be Running and its heartbeat fresh. */
export function gatewayHealth(gateway: Gateway, now: Date): GatewayHealth {
  const beat = gateway.lastHeartbeat ? Date.parse(gateway.lastHeartbeat) : Number.NaN;
  const heartbeatAgeSeconds = Number.isNaN(beat) ? undefined : Math.max(0, (now.getTime() - beat) / 1000);
  const stale = heartbeatAgeSeconds === undefined || heartbeatAgeSeconds > STALE_HEARTBEAT_SECONDS;
  return {
    healthy: gateway.state === 'Running' && !stale,
    stale,
    ...(heartbeatAgeSeconds === undefined ? {} : { heartbeatAgeSeconds }),
  };
}

/**
 * The review's word on the cloud account's gateway: healthy, or not (with why) — a request behind an unhealthy
 * gateway is accepted by Palette's dry run and then stalls. Undefined when Palette does not say which gateway
 * serves the account or could not be asked (the check is advice, never a failed review).
 */
export async function gatewayFinding(
  palette: Pick<Palette, 'listMaasAccounts' | 'listGateways'>,
  accountUid: string,
  now: Date,
): Promise<ReviewFindings['gateway']> {
  let accounts: CloudAccount[];
  let gateways: Gateway[];
  try {
    [accounts, gateways] = await Promise.all([palette.listMaasAccounts(), palette.listGateways()]);
  } catch (error) {
    if (error instanceof PaletteError) return undefined;
    throw error;
  }
  const account = accounts.find((candidate) => candidate.uid === accountUid);
  if (!account?.overlordUid) return undefined;
  const accountName = escapeText(account.name);
  const gateway = gateways.find((candidate) => candidate.uid === account.overlordUid);
  if (!gateway)
    return {
      healthy: false,
      message: `Palette lists no gateway for the cloud account ${accountName}: the cluster would wait for one. See \`/maas gateway\`.`,
    };
  const health = gatewayHealth(gateway, now);
  const name = escapeText(gateway.name);
  if (health.healthy) return { healthy: true, message: `The gateway ${name} of ${accountName} is healthy.` };
  const heartbeat =
    health.heartbeatAgeSeconds === undefined
      ? 'no heartbeat reported'
      : `last heartbeat ${formatDuration(health.heartbeatAgeSeconds * 1000)} ago`;
  return {
    healthy: false,
    message: `The gateway ${name} of ${accountName} is not healthy (${escapeText(gateway.state)}, ${heartbeat}): this request will stall until it is back. See \`/maas gateway\`.`,
  };
}
