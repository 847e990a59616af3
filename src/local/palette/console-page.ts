import { html } from 'hono/html';
import { iso } from './clock';
import { clusterEvents } from './events';
import { isGone, machinesAt, readyAt, stateAt } from './lifecycle';
import type { ClusterRecord } from './model';
import type { SimRuntime } from './runtime';

/** Events shown on a cluster's page, newest first. */
const EVENTS_SHOWN = 30;

/** The page's frame: a title, a little style, and a refresh every few seconds (the cluster moves on its own). */
function frame(title: string, body: unknown) {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="5">
<title>${title} · Palette (simulator)</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #1d1c1d; padding: 0 1rem; }
h1 { font-size: 1.4rem; margin-bottom: .2rem; }
.note { color: #616061; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1.4rem; }
th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
.state { font-weight: 600; }
</style>
</head>
<body>
${body}
<p class="note">Palette simulator · a read-only page standing in for Palette's console · refreshes every 5 s</p>
</body>
</html>`;
}

/** The page for a cluster the simulator does not know (or no longer answers for). */
export function unknownClusterPage(uid: string) {
  return frame(
    'Cluster not found',
    html`<h1>Cluster not found</h1>
<p>Palette does not know the cluster <code>${uid}</code>: it was deleted, or never existed here.</p>`,
  );
}

/** A cluster's read-only page at `t`: state, health, pools with their machines, and the latest events. */
export function clusterPage(sim: SimRuntime, cluster: ClusterRecord, t: number) {
  const state = stateAt(cluster, t);
  const account = sim.catalog.accounts.find((candidate) => candidate.uid === cluster.accountUid);
  const pools = cluster.pools.map(
    (pool) => html`<tr>
<td>${pool.name}${pool.isControlPlane ? ' (control plane)' : ''}</td>
<td>${readyAt(pool, t)}/${pool.size}</td>
<td>${
      machinesAt(pool, t)
        .map((node) => `${node.hostname} (${node.ip}, ${node.az})`)
        .join(', ') || '—'
    }</td>
</tr>`,
  );
  const events = clusterEvents(cluster, t, sim.pace)
    .slice(0, EVENTS_SHOWN)
    .map(
      (event) => html`<tr>
<td>${iso(event.at).slice(0, 19).replace('T', ' ')}</td>
<td>${event.severity === 'Warning' ? '⚠ ' : ''}${event.reason}</td>
<td>${event.message}</td>
</tr>`,
    );
  return frame(
    cluster.name,
    html`<h1>${cluster.name}</h1>
<p><span class="state">${state}</span>${state === 'Running' ? ' · Healthy' : ''}${isGone(cluster, t) ? ' · gone' : ''}
 · cloud account ${account?.name ?? cluster.accountUid} · domain ${cluster.domain} · created ${iso(cluster.createdAt)}</p>
<h2>Machine pools</h2>
<table><thead><tr><th>Pool</th><th>Ready</th><th>Machines</th></tr></thead><tbody>${pools}</tbody></table>
<h2>Events</h2>
<table><thead><tr><th>Time (UTC)</th><th>Reason</th><th>Message</th></tr></thead><tbody>${events}</tbody></table>`,
  );
}
