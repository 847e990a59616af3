import { z } from 'zod';
import type { Deps } from '../../deps';
import type { ReviewFindings } from '../../domain/cluster';
import type { ClusterStore } from '../../store/port';
import { FormSchema } from './form';

const FindingsSchema = z.object({
  validation: z.object({ ok: z.boolean(), messages: z.array(z.string()) }),
  estimate: z
    .object({
      total: z.number(),
      currency: z.string(),
      perPool: z.array(z.object({ name: z.string(), total: z.number() })),
    })
    .optional(),
  capacity: z
    .object({ ok: z.boolean(), lines: z.array(z.string()), counted: z.string().optional() })
    .optional(),
  gateway: z.object({ healthy: z.boolean(), message: z.string() }).optional(),
  unknownOverrides: z.array(z.string()).optional(),
}) satisfies z.ZodType<ReviewFindings>;

/** A worker pool of the draft: a stable key (block ids carry it) and what was typed for it. */
const WorkerEntrySchema = z.object({ key: z.string(), form: FormSchema });
export type WorkerEntry = z.infer<typeof WorkerEntrySchema>;

/**
 * What the wizard keeps server-side between steps (the store's draft `data`): each step's raw form, so Back and
 * pool switching keep what was typed; the spec is parsed from these forms, never stored half-made.
 */
export const WizardDataSchema = z.object({
  /** Where `/maas create-cluster` was typed: the request's messages go there. */
  channel: z.string(),
  cluster: FormSchema,
  controlPlane: FormSchema,
  workers: z.array(WorkerEntrySchema),
  /** The next pool key to hand out (keys are never reused, so Slack never carries old input into a new pool). */
  nextPoolKey: z.number().int().min(1),
  /** The chosen profile's pack names as last loaded, and which profile they belong to. */
  packs: z.object({ profileUid: z.string(), names: z.array(z.string()) }).optional(),
  /** Override lines typed per pack name. */
  packValues: z.record(z.string(), z.string()),
  management: FormSchema,
  /** The review in progress: its revision (a newer one makes older findings stale) and Palette's findings. */
  review: z.object({ revision: z.string(), findings: FindingsSchema.optional() }).optional(),
});
export type WizardData = z.infer<typeof WizardDataSchema>;

/** A fresh draft for a person who typed the command in `channel`, with the name pre-filled when given. */
export function newWizardData(channel: string, name?: string): WizardData {
  return {
    channel,
    cluster: name ? { name } : {},
    controlPlane: {},
    workers: [],
    nextPoolKey: 1,
    packValues: {},
    management: {},
  };
}

/** A draft by id, whoever it belongs to (jobs carry no user): its owner and data, or undefined when gone or unreadable. */
export async function readWizardDraft(
  store: ClusterStore,
  draftId: string,
): Promise<{ userId: string; data: WizardData } | undefined> {
  const draft = await store.getDraft(draftId);
  const parsed = draft ? WizardDataSchema.safeParse(draft.data) : undefined;
  return draft && parsed?.success ? { userId: draft.userId, data: parsed.data } : undefined;
}

/** The person's draft, or undefined when it is gone (expired, finished), someone else's, or unreadable. */
export async function loadWizard(
  store: ClusterStore,
  draftId: string,
  userId: string,
): Promise<WizardData | undefined> {
  const draft = await readWizardDraft(store, draftId);
  return draft?.userId === userId ? draft.data : undefined;
}

/** Stores the draft (replacing it), stamped with the bot's clock. */
export function saveWizard(
  deps: Pick<Deps, 'store' | 'now'>,
  draftId: string,
  userId: string,
  data: WizardData,
): Promise<void> {
  return deps.store.putDraft({ id: draftId, userId, data, updatedAt: deps.now().toISOString() });
}
