import { z } from 'zod';
import { STEPS, type StepId } from './ids';

/** What a wizard view carries in `private_metadata`: which draft and step it shows (the draft holds the rest). */
export interface WizardMeta {
  draftId: string;
  step: StepId;
  /** Where the command was typed: lets step 1 start over if the draft was lost before it was first saved. */
  channel: string;
  /** The worker pool being edited, on the worker-pools step. */
  pool?: string;
}

const MetaSchema = z.object({
  d: z.string().min(1).max(64),
  s: z.enum(STEPS),
  c: z.string().max(64),
  p: z.string().max(16).optional(),
});

/** Encodes the metadata compactly (private_metadata holds 3,000 characters). */
export function encodeMeta(meta: WizardMeta): string {
  return JSON.stringify({
    d: meta.draftId,
    s: meta.step,
    c: meta.channel,
    ...(meta.pool ? { p: meta.pool } : {}),
  });
}

/** Decodes a view's private_metadata; undefined when it is not a wizard's. */
export function decodeMeta(text: string | undefined): WizardMeta | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
  const parsed = MetaSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const { d, s, c, p } = parsed.data;
  return { draftId: d, step: s, channel: c, ...(p ? { pool: p } : {}) };
}
