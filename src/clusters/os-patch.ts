import type { Deps } from '../deps';
import type { ClusterRecord } from '../domain/cluster';
import { lastEvent } from '../domain/cluster';
import { PATCH_AFTER_SECONDS, PATCH_REPEAT_SECONDS } from '../domain/day2';
import type { Actor } from '../domain/policy';
import { addSeconds, formatUtc } from '../domain/time';
import type { OsPatchSettings } from '../palette/features/types';
import { scopeOfRecord } from '../teams/scope';
import { type Decided, decideAndApply } from './decide-apply';

/** What became of a "patch now": asked of Palette (with the whole config sent), or not. */
export type PatchOutcome =
  | { ok: true; record: ClusterRecord; sent: OsPatchSettings }
  | { ok: false; decided: Exclude<Decided, { ok: true }> }
  | { ok: false; record: ClusterRecord; paletteError: unknown };

/**
 * An on-demand OS patch: policy decides and ONE conditional write records it (a second one within ten minutes
 * is answered with the first: Palette patches once anyway); then Palette's current config is read and PATCHed
 * back whole with `onDemandPatchAfter` a minute ahead — Palette's PATCH replaces the config and unset booleans
 * become false, so the schedule and flags set elsewhere must be sent again.
 */
export async function requestPatch(deps: Deps, record: ClusterRecord, actor: Actor): Promise<PatchOutcome> {
  const after = addSeconds(deps.now().toISOString(), PATCH_AFTER_SECONDS);
  const decided = await decideAndApply(deps, record, 'patch', actor, (current, at) => {
    const last = lastEvent(current, 'os-patch-requested');
    if (last && Date.parse(at) - Date.parse(last.at) < PATCH_REPEAT_SECONDS * 1000)
      return {
        nothingToDo: `OS patching was asked for at ${formatUtc(new Date(last.at), new Date(at))} by <@${last.by}>; Palette patches once, so nothing more was sent.`,
      };
    return { event: 'os-patch-requested', detail: `on demand after ${after}` };
  });
  if (!decided.ok) return { ok: false, decided };
  const { palette } = scopeOfRecord(deps, decided.record);
  try {
    const current = (await palette.osPatch(decided.record.paletteUid!)) ?? {
      patchOnBoot: false,
      rebootIfRequired: false,
    };
    const sent = { ...current, onDemandPatchAfter: after };
    await palette.setOsPatch(decided.record.paletteUid!, sent);
    return { ok: true, record: decided.record, sent };
  } catch (error) {
    return { ok: false, record: decided.record, paletteError: error };
  }
}
