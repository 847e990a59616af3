import { iso } from './clock';
import { newUid } from './ids';
import { stateAt } from './lifecycle';
import type { CareRecord, ClusterRecord, HealthProblem, RepaveReasonRecord } from './model';
import type { Catalog } from './seed';

/**
 * A cluster's life after Running, as Palette reports it: health, a repave held for approval, a profile update on
 * offer, and its two kubeconfigs. Simulator controls (and the `sim.repave` label) change it; the routes read it.
 */

/** A cluster created with this label holds a repave for approval as soon as it runs. */
export const REPAVE_LABEL = 'sim.repave';
/** A cluster created with this label answers its kubeconfig base64-encoded (as some Palette versions do). */
export const BASE64_KUBECONFIG_LABEL = 'sim.kubeconfig-base64';

/** What an unhealthy cluster reports when the control gives no problems of its own. */
export const DEFAULT_HEALTH_PROBLEMS: readonly HealthProblem[] = [
  { type: 'NodeNotReady', message: 'Node worker-pool-1 is NotReady: kubelet stopped posting node status' },
];

const care = (cluster: ClusterRecord): CareRecord => {
  cluster.care ??= {};
  return cluster.care;
};
const running = (cluster: ClusterRecord, t: number) => stateAt(cluster, t) === 'Running';

/** The reasons a repave is held when none are given: the Kubernetes pack of the cluster's profile changed. */
export function defaultRepaveReasons(catalog: Catalog, cluster: ClusterRecord): RepaveReasonRecord[] {
  const profile = catalog.profiles.find((candidate) => candidate.uid === cluster.profiles[0]?.uid);
  const k8s = profile?.packs.find((pack) => pack.layer === 'k8s');
  const current = k8s?.tag ?? '1.30.6';
  return [
    {
      code: 'PackValuesChanged',
      message: 'Kubernetes pack values changed: the control plane nodes are replaced one by one',
      pack: {
        name: k8s?.name ?? 'kubernetes',
        layer: 'k8s',
        currentTag: current,
        targetTag: current,
        diffConfigKeys: ['cluster.config.kube-apiserver-arg', 'pack.podCIDR'],
      },
    },
  ];
}

/** Marks a cluster unhealthy with these problems from `t`, or healthy again (`problems` undefined). */
export function setHealth(
  cluster: ClusterRecord,
  problems: readonly HealthProblem[] | undefined,
  t: number,
): void {
  if (!problems) delete care(cluster).unhealthy;
  else care(cluster).unhealthy = { since: cluster.care?.unhealthy?.since ?? t, problems: [...problems] };
}

/** Holds a repave for approval from `t`. */
export function holdRepave(cluster: ClusterRecord, reasons: RepaveReasonRecord[], t: number): void {
  care(cluster).repave = { state: 'Pending', since: t, reasons };
}

/** Moves a held repave on (Approved by someone, or Reverted: the change that needed it was undone). */
export function settleRepave(cluster: ClusterRecord, state: 'Approved' | 'Reverted', t: number): void {
  const repave = cluster.care?.repave;
  if (repave?.state === 'Pending') care(cluster).repave = { ...repave, state, since: t };
}

/** Offers a profile update from `t`. */
export function offerUpdate(cluster: ClusterRecord, message: string, t: number): void {
  care(cluster).update = { uid: newUid(), since: t, message, done: false };
}

/** Marks the offered update as applied (a profile patch that resolves the notification). */
export function resolveUpdate(cluster: ClusterRecord): void {
  const update = cluster.care?.update;
  if (update) update.done = true;
}

/** `v1SpectroClusterHealthStatus` of a Running cluster at `t`, or undefined before it runs. */
export function healthView(catalog: Catalog, cluster: ClusterRecord, t: number) {
  if (!running(cluster, t)) return undefined;
  const unhealthy = cluster.care?.unhealthy;
  return {
    state: unhealthy ? 'UnHealthy' : 'Healthy',
    agentVersion: catalog.agentVersion,
    lastHeartBeatTimestamp: iso(Math.max(cluster.runningAt, t - 10_000)),
    conditions: (unhealthy?.problems ?? []).map((problem) => ({
      type: problem.type,
      message: problem.message,
      relatedObject: { kind: 'spectrocluster' as const, uid: cluster.uid, name: cluster.name },
    })),
  };
}

/** The repave Palette holds (or held) for a Running cluster at `t`. */
export function repaveAt(cluster: ClusterRecord, t: number) {
  return running(cluster, t) ? cluster.care?.repave : undefined;
}

/** Whether Palette offers a profile update for the cluster at `t`. */
export function updateAvailable(cluster: ClusterRecord, t: number): boolean {
  const update = cluster.care?.update;
  return running(cluster, t) && update !== undefined && !update.done;
}

/** `v1ClusterNotificationStatus`. */
export function notificationStatusView(cluster: ClusterRecord, t: number) {
  return { isAvailable: updateAvailable(cluster, t), isTemplateVariableResolutionPending: false };
}

/** `v1SpectroClusterRepave` (GET …/repave/status): the reasons, and the state (none before any repave). */
export function repaveView(cluster: ClusterRecord, t: number) {
  const repave = repaveAt(cluster, t);
  return {
    metadata: { uid: cluster.uid, name: cluster.name },
    spec: {
      spectroClusterUid: cluster.uid,
      source: 'palette' as const,
      reasons: (repave?.reasons ?? []).map((reason) => ({
        code: reason.code,
        message: reason.message,
        ...(reason.pack
          ? {
              pack: {
                current: { name: reason.pack.name, layer: reason.pack.layer, tag: reason.pack.currentTag },
                target: { name: reason.pack.name, layer: reason.pack.layer, tag: reason.pack.targetTag },
                diffConfigKeys: [...reason.pack.diffConfigKeys],
              },
            }
          : {}),
      })),
    },
    status: repave
      ? {
          state: repave.state,
          repaveTransitionTime: iso(repave.since),
          message: repave.state === 'Pending' ? 'Repave is waiting for approval' : `Repave ${repave.state}`,
        }
      : {},
  };
}

/** `v1Notifications` for a cluster (GET /v1/notifications/spectrocluster/{uid}); `isDone` ones only when asked. */
export function notificationsView(cluster: ClusterRecord, t: number, includeDone: boolean) {
  const update = running(cluster, t) ? cluster.care?.update : undefined;
  const items =
    update && (includeDone || !update.done)
      ? [
          {
            metadata: {
              uid: update.uid,
              name: `${cluster.name}-pack-update`,
              creationTimestamp: iso(update.since),
            },
            type: 'NotificationPackUpdate' as const,
            relatedObject: { kind: 'spectrocluster' as const, uid: cluster.uid, name: cluster.name },
            source: { component: 'clusterprofile' },
            action: {
              actionType: 'NotifyActionPacksUpdate' as const,
              actionMessage: update.message,
              ack: false,
              isDone: update.done,
              isInfo: false,
              link: `/projects/${cluster.projectUid || 'default'}/clusters/${cluster.uid}/updates`,
              events: {},
            },
          },
        ]
      : [];
  return { items, listmeta: { continue: '', count: items.length, limit: 50, offset: 0 } };
}

/** `v1SpectroClusterProfileList` (GET …/profiles): the profiles attached, with their packs. */
export function clusterProfilesView(catalog: Catalog, cluster: ClusterRecord) {
  return {
    profiles: cluster.profiles.flatMap((ref) => {
      const profile = catalog.profiles.find((candidate) => candidate.uid === ref.uid);
      if (!profile) return [];
      return [
        {
          metadata: { uid: profile.uid, name: profile.name },
          spec: {
            cloudType: profile.cloudType,
            type: profile.type,
            version: 1,
            relatedObject: { kind: 'spectrocluster', uid: cluster.uid, name: cluster.name },
            packs: profile.packs.map((pack) => ({
              metadata: { name: pack.name },
              spec: { name: pack.name, layer: pack.layer, version: pack.tag, displayName: pack.displayName },
            })),
          },
        },
      ];
    }),
  };
}

/** The OIDC user of a kubeconfig: kubelogin against Palette's tenant issuer. */
function oidcUser(cluster: ClusterRecord): string {
  return `users:
  - name: ${cluster.name}-oidc
    user:
      exec:
        apiVersion: client.authentication.k8s.io/v1beta1
        command: kubectl
        args:
          - oidc-login
          - get-token
          - --oidc-issuer-url=https://console.spectrocloud.com/v1/oidc/tenant
          - --oidc-client-id=spectro-proxy
          - --oidc-extra-scope=email
          - --oidc-extra-scope=profile
        interactiveMode: IfAvailable
`;
}

function config(cluster: ClusterRecord, server: string, user: string, userBlock: string): string {
  const ca = Buffer.from(`simulated certificate authority of ${cluster.uid}`).toString('base64');
  return `apiVersion: v1
kind: Config
clusters:
  - name: ${cluster.name}
    cluster:
      server: ${server}
      certificate-authority-data: ${ca}
contexts:
  - name: ${user}@${cluster.name}
    context:
      cluster: ${cluster.name}
      user: ${user}
current-context: ${user}@${cluster.name}
preferences: {}
${userBlock}`;
}

/** The users' kubeconfig (OIDC; through the Spectro Proxy unless `frp` is false). */
export function userKubeconfig(cluster: ClusterRecord, frp: boolean): string {
  const server = frp
    ? `https://${cluster.uid}.proxy.spectrocloud.example:443`
    : `https://${cluster.name}.${cluster.domain}:6443`;
  return config(cluster, server, `${cluster.name}-oidc`, oidcUser(cluster));
}

/** The admin kubeconfig: a client certificate for cluster-admin (never sent through Slack). */
export function adminKubeconfig(cluster: ClusterRecord): string {
  const key = Buffer.from(`simulated admin key of ${cluster.uid}`).toString('base64');
  const cert = Buffer.from(`simulated admin certificate of ${cluster.uid}`).toString('base64');
  return config(
    cluster,
    `https://${cluster.name}.${cluster.domain}:6443`,
    'kubernetes-admin',
    `users:
  - name: kubernetes-admin
    user:
      client-certificate-data: ${cert}
      client-key-data: ${key}
`,
  );
}
