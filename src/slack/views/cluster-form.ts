import type { SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { decideAndApply } from '../../clusters/decide-apply';
import type { Deps } from '../../deps';
import { cronProblem } from '../../domain/cron';
import type { LifecycleEvent } from '../../domain/lifecycle';
import { decide } from '../../domain/policy';
import { PaletteError } from '../../palette/errors';
import type { Palette } from '../../palette/port';
import { scopeOfRecord } from '../../teams/scope';
import { plainMessage } from '../blocks/answers';
import { mention } from '../blocks/cluster-facts';
import { type ClusterFormMetadata, FIELD_ACTION } from '../blocks/form-fields';
import { describeWho, resolveActor } from '../roles';
import { postInThread } from '../thread';

const MetadataSchema = z.object({ clusterId: z.string().min(1).max(200), exists: z.boolean() });

/** The form's metadata, or why not: a crafted payload's garbage gets a field error, never a 5xx. */
function metadataOf(text: string) {
  try {
    return MetadataSchema.safeParse(JSON.parse(text || '{}'));
  } catch {
    return MetadataSchema.safeParse(undefined);
  }
}

/** A submitted modal's values. */
export type Values = ViewSubmitAction['view']['state']['values'];
/** Field errors keyed by block id. */
export type Errors = Record<string, string>;

/** The form's values read, or its field errors. */
export type FormRead<T> = { ok: true; value: T } | { ok: false; errors: Errors };

/** A field's state, by block id. */
export const fieldOf = (values: Values, block: string) => values[block]?.[FIELD_ACTION];

/** A text field's trimmed value ('' when empty). */
export const textOf = (values: Values, block: string) => (fieldOf(values, block)?.value ?? '').trim();

/** The values of the ticked checkboxes. */
export const tickedOf = (values: Values, block: string) =>
  (fieldOf(values, block)?.selected_options ?? []).map((ticked) => ticked.value);

/** An optional cron field: its schedule (undefined when empty), with an error in `errors` when not cron. */
export function cronOf(values: Values, block: string, errors: Errors): string | undefined {
  const schedule = textOf(values, block);
  const problem = schedule ? cronProblem(schedule) : undefined;
  if (problem) errors[block] = `Not a cron schedule: ${problem}.`;
  return schedule || undefined;
}

/** What one day-2 form is: its action, its fields, how Palette gets it and how the change is told. */
export interface ClusterForm<T> {
  action: 'backup' | 'scan' | 'patch';
  /** The block that carries what is not about one field (the cluster gone, a refusal by policy). */
  firstBlock: string;
  read(values: Values): FormRead<T>;
  /** Reads Palette's settings again and sends the form's: the settings before and the ones sent. */
  save(
    palette: Palette,
    uid: string,
    form: T,
    metadata: ClusterFormMetadata,
  ): Promise<{ before: T | undefined; after: T }>;
  /** The block that shows Palette's refusal `message`. */
  refusalBlock(message: string): string;
  /** The settings in one line (before → after). */
  line(settings: T | undefined): string;
  event: Extract<LifecycleEvent, `${string}-changed`>;
  /** The thread's message: emoji and what changed, e.g. `:floppy_disk:` and `the backup policy`. */
  told: { emoji: string; what: string };
}

/**
 * A day-2 form submitted: policy decides again, fields are checked (errors by block id), Palette gets the
 * settings (read again first), then the history records who changed what (before → after) and the thread is
 * told. Palette's refusal (4xx other than 429) is shown on the form; 429/5xx were retried below and throw.
 */
export function clusterFormSubmitted<T>(deps: Deps, form: ClusterForm<T>) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction>) => {
    const parsed = metadataOf(view.private_metadata);
    const record = parsed.success ? await deps.store.get(parsed.data.clusterId) : undefined;
    if (!parsed.success || !record?.paletteUid) {
      await ack({
        response_action: 'errors',
        errors: { [form.firstBlock]: 'This cluster is no longer known.' },
      });
      return;
    }
    const scope = scopeOfRecord(deps, record);
    const actor = await resolveActor(deps, body.user.id, scope.team);
    const allowed = decide(form.action, actor, record, deps.now(), scope.policy);
    if (!allowed.ok) {
      const who =
        allowed.kind === 'role'
          ? ` Who can: ${describeWho(scope.team, allowed.allowedRoles ?? [], record.requester) ?? 'an admin'}.`
          : '';
      await ack({
        response_action: 'errors',
        errors: { [form.firstBlock]: `${allowed.reason} ${allowed.hint}${who}` },
      });
      return;
    }
    const read = form.read(view.state.values);
    if (!read.ok) {
      await ack({ response_action: 'errors', errors: read.errors });
      return;
    }
    let saved: { before: T | undefined; after: T };
    try {
      saved = await form.save(scope.palette, record.paletteUid, read.value, parsed.data);
    } catch (error) {
      if (!(error instanceof PaletteError) || error.status === 429 || error.status >= 500) throw error;
      await ack({
        response_action: 'errors',
        errors: { [form.refusalBlock(error.message)]: `Palette refused it: ${error.message}` },
      });
      return;
    }
    await ack();
    const change = `${form.line(saved.before)} → ${form.line(saved.after)}`;
    const applied = await decideAndApply(deps, record, form.action, actor, () => ({
      event: form.event,
      detail: change,
    }));
    if (applied.ok)
      await postInThread(
        deps,
        applied.record,
        plainMessage(`${form.told.emoji} ${mention(actor.userId)} changed ${form.told.what}: ${change}`),
      );
  };
}
