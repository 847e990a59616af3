import { z } from 'zod';
import type { RepaveReasonFact } from '../domain/care';
import { isNotFound } from './errors';
import type { PaletteHttp } from './http';
import type { Page } from './port';

/** Palette's repave states (v1ClusterRepaveState). */
export type RepaveState = 'Pending' | 'Approved' | 'Reverted';

/** One reason Palette gives for a repave: its code, its message, and the pack and keys that changed. */
export type RepaveReason = RepaveReasonFact;

/** A cluster's repave as `…/repave/status` reports it. */
export interface RepaveStatus {
  /** undefined when Palette holds no repave for the cluster. */
  state?: RepaveState;
  since?: string;
  reasons: RepaveReason[];
}

/** A profile update Palette offers for a cluster (a notification not yet done). */
export interface UpdateNotice {
  uid: string;
  message: string;
  at?: string;
}

/** A cluster in a list of repaves (`/v1/dashboard/spectroclusters/repaveStatus`). */
export interface RepaveRow {
  uid: string;
  name: string;
}

/** Palette after Running: kubeconfig, repave status and approval, profile updates. */
export interface AfterRunningPalette {
  /** The users' kubeconfig (OIDC, through the Spectro Proxy), decoded when Palette sent it base64. */
  userKubeconfig(uid: string): Promise<string>;
  /** undefined when Palette answers 404. */
  repaveStatus(uid: string): Promise<RepaveStatus | undefined>;
  /** `PATCH …/repave/approve` (no body, 204). */
  approveRepave(uid: string): Promise<void>;
  /** One page of the project's clusters whose repave is in `state`. */
  repaves(state: RepaveState, options?: { continue?: string }): Promise<Page<RepaveRow>>;
  /** The profile updates Palette offers for the cluster (notifications not done yet). */
  updateNotices(uid: string): Promise<UpdateNotice[]>;
}

const segment = encodeURIComponent;
const text = z
  .string()
  .nullish()
  .transform((value) => value ?? undefined);
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((value): z.output<T>[] => value ?? []);

const PackRef = z.object({ name: text, tag: text }).nullish();

/** v1SpectroClusterRepave. */
const RepaveSchema = z
  .object({
    spec: z
      .object({
        reasons: list(
          z.object({
            code: text,
            message: text,
            pack: z.object({ current: PackRef, target: PackRef, diffConfigKeys: list(z.string()) }).nullish(),
          }),
        ),
      })
      .nullish(),
    status: z
      .object({ state: z.enum(['Pending', 'Approved', 'Reverted']).nullish(), repaveTransitionTime: text })
      .nullish(),
  })
  .transform(
    (raw): RepaveStatus => ({
      ...(raw.status?.state ? { state: raw.status.state } : {}),
      ...(raw.status?.repaveTransitionTime ? { since: raw.status.repaveTransitionTime } : {}),
      reasons: (raw.spec?.reasons ?? []).map((reason) => {
        const pack = reason.pack;
        const name = pack?.target?.name ?? pack?.current?.name;
        return {
          code: reason.code ?? '',
          message: reason.message ?? '',
          ...(name ? { pack: name } : {}),
          ...(pack?.current?.tag ? { fromTag: pack.current.tag } : {}),
          ...(pack?.target?.tag ? { toTag: pack.target.tag } : {}),
          changedKeys: pack?.diffConfigKeys ?? [],
        };
      }),
    }),
  );

/** v1SpectroClustersSummary rows, as far as a repave list needs them. */
const RepavePageSchema = z
  .object({
    items: list(z.object({ metadata: z.object({ uid: z.string(), name: z.string() }) })),
    listmeta: z.object({ continue: text }).nullish(),
  })
  .transform(
    (raw): Page<RepaveRow> => ({
      items: raw.items.map((item) => ({ uid: item.metadata.uid, name: item.metadata.name })),
      ...(raw.listmeta?.continue ? { continue: raw.listmeta.continue } : {}),
    }),
  );

/** v1Notifications: the pack updates not done yet. */
const NotificationsSchema = z
  .object({
    items: list(
      z.object({
        metadata: z.object({ uid: text, creationTimestamp: text }).nullish(),
        type: text,
        action: z.object({ actionMessage: text, isDone: z.boolean().nullish() }).nullish(),
      }),
    ),
  })
  .transform((raw): UpdateNotice[] =>
    raw.items
      .filter((item) => item.type !== 'NotificationNone' && item.action?.isDone !== true)
      .map((item) => ({
        uid: item.metadata?.uid ?? '',
        message: item.action?.actionMessage ?? 'An update of the cluster profile is available',
        ...(item.metadata?.creationTimestamp ? { at: item.metadata.creationTimestamp } : {}),
      })),
  );

/** Base64 as Palette may send a download: no YAML punctuation, only the alphabet. */
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A kubeconfig body as Palette sent it, decoded when it was base64 (what Palette's own SDK does). */
export function decodeKubeconfig(body: string): string {
  const compact = body.replace(/\s+/g, '');
  if (compact === '' || !BASE64.test(compact)) return body;
  const decoded = Buffer.from(compact, 'base64').toString('utf8');
  return /^\s*(apiVersion|kind|clusters)\s*:/m.test(decoded) ? decoded : body;
}

/** The after-Running part of the Palette port over one scope's HTTP layer. */
export function afterRunningOver(http: PaletteHttp): AfterRunningPalette {
  return {
    async userKubeconfig(uid) {
      const body = await http.download({
        method: 'GET',
        path: `/v1/spectroclusters/${segment(uid)}/assets/kubeconfig`,
        query: { frp: true },
      });
      return decodeKubeconfig(body);
    },

    async repaveStatus(uid) {
      try {
        return await http.json(
          { method: 'GET', path: `/v1/spectroclusters/${segment(uid)}/repave/status` },
          RepaveSchema,
        );
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    approveRepave: (uid) =>
      http.send({ method: 'PATCH', path: `/v1/spectroclusters/${segment(uid)}/repave/approve` }),

    repaves: (state, options = {}) =>
      http.json(
        {
          method: 'GET',
          path: '/v1/dashboard/spectroclusters/repaveStatus',
          query: { repaveState: state, limit: 50, continue: options.continue },
        },
        RepavePageSchema,
      ),

    updateNotices: (uid) =>
      http.json(
        { method: 'GET', path: `/v1/notifications/spectrocluster/${segment(uid)}` },
        NotificationsSchema,
      ),
  };
}
