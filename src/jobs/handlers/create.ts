import type { Deps } from '../../deps';
import type { ClusterRecord } from '../../domain/cluster';
import { buildCreateBody } from '../../palette/build';
import { PaletteError } from '../../palette/errors';
import { PackValuesError } from '../../palette/values';
import { lastEvent } from '../../slack/blocks/approval-card';
import { createFailedNotice } from '../../slack/blocks/notices';
import { refreshCard } from '../../slack/card';
import { postInThreadOnce } from '../../slack/thread';
import { ConflictError } from '../../store/port';
import type { JobHandler } from '../handler';
import { ensureStatusMessage } from '../status-message';

/** Palette's answers that refuse the request for good (a retry would get the same); 429 and 5xx are retried. */
const REFUSALS = [400, 403, 404, 409, 422];
/** How much earlier than the approval a cluster may look created and still be ours (clocks differ a little). */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Where the create ended: a cluster in Palette (made now or adopted), or Palette's refusal for people. */
type Outcome = { uid: string; adopted: boolean } | { refused: string };

const isNameTaken = (error: PaletteError) =>
  error.status === 409 &&
  (error.code === 'ClusterNameAlreadyExists' || /already exists/i.test(error.message));

/**
 * The cluster a previous try of this job created before dying: Palette's live cluster with the request's name,
 * created since the approval (an older one with the name belongs to someone else, and is never adopted).
 */
async function previousTry(deps: Deps, record: ClusterRecord): Promise<string | undefined> {
  const found = await deps.palette.findClusterByName(record.name);
  if (!found) return undefined;
  const approvedAt = Date.parse(lastEvent(record, 'approved')?.at ?? record.requestedAt);
  const createdAt = found.createdAt ? Date.parse(found.createdAt) : Number.NaN;
  return Number.isNaN(createdAt) || createdAt >= approvedAt - CLOCK_SKEW_MS ? found.uid : undefined;
}

/** Sends the create (or adopts what a previous try created); Palette's refusals come back as its message. */
async function sendToPalette(deps: Deps, record: ClusterRecord): Promise<Outcome> {
  const adopted = await previousTry(deps, record);
  if (adopted) return { uid: adopted, adopted: true };
  try {
    const body = buildCreateBody(record.spec, await deps.palette.profilePacks(record.spec.profileUid));
    return { uid: (await deps.palette.createCluster(body)).uid, adopted: false };
  } catch (error) {
    if (error instanceof PackValuesError)
      return { refused: `The request could not be prepared: ${error.message}` };
    if (!(error instanceof PaletteError)) throw error;
    if (isNameTaken(error)) {
      // Another try won the race to create it: adopt that one.
      const winner = await previousTry(deps, record);
      if (winner) return { uid: winner, adopted: true };
    }
    if (REFUSALS.includes(error.status)) return { refused: error.message };
    throw error;
  }
}

/** FAILED with Palette's message; the card and the thread say why (once). */
async function fail(deps: Deps, record: ClusterRecord, message: string): Promise<void> {
  let failed: ClusterRecord | undefined;
  try {
    failed = await deps.store.apply(record, {
      event: 'create-failed',
      by: 'palette',
      at: deps.now().toISOString(),
      detail: message,
      set: { failure: message },
    });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    failed = await deps.store.get(record.id);
  }
  if (failed?.state !== 'FAILED') return;
  await refreshCard(deps, failed);
  await postInThreadOnce(deps, failed, 'create-failed', createFailedNotice(failed));
}

/** PROVISIONING with Palette's uids; undefined when another try recorded it first (that try does the rest). */
async function markCreated(
  deps: Deps,
  record: ClusterRecord,
  outcome: { uid: string; adopted: boolean },
): Promise<ClusterRecord | undefined> {
  const info = await deps.palette.getCluster(outcome.uid);
  if (!info) throw new Error('Palette does not show the cluster it accepted yet; the job is retried.');
  const at = deps.now().toISOString();
  try {
    return await deps.store.apply(record, {
      event: 'created',
      by: 'bot',
      at,
      detail: outcome.adopted
        ? 'Adopted the cluster an earlier try created in Palette.'
        : 'Palette accepted the create.',
      set: {
        paletteUid: outcome.uid,
        ...(info.cloudConfigUid ? { cloudConfigUid: info.cloudConfigUid } : {}),
        provisioningSince: at,
      },
    });
  } catch (error) {
    if (error instanceof ConflictError) return undefined;
    throw error;
  }
}

/**
 * Sends an APPROVED request to Palette: first looks for a cluster a previous try created (and adopts it), else
 * creates one from the spec and the profile's packs; records the Palette uid and cloud config uid (PROVISIONING),
 * posts the status message in the thread, refreshes the card and starts the poll. Palette's refusal (400, 403,
 * 404, 409, 422) is FAILED with its message shown to people; network errors and 5xx throw, so the job is retried
 * (and the reconciler re-dispatches an APPROVED record left behind).
 */
export const create: JobHandler<'create'> = async ({ clusterId }, deps) => {
  const stored = await deps.store.get(clusterId);
  if (!stored) return;
  let record: ClusterRecord | undefined = stored;
  if (stored.state === 'APPROVED') {
    const outcome = await sendToPalette(deps, stored);
    if ('refused' in outcome) return fail(deps, stored, outcome.refused);
    record = await markCreated(deps, stored, outcome);
  } else if (stored.state !== 'PROVISIONING' || stored.slack.statusTs) {
    // Nothing left to do: a duplicate of a create that finished.
    return;
  }
  if (!record) return;
  await ensureStatusMessage(deps, record);
  await refreshCard(deps, record);
  await deps.jobs.dispatch({ kind: 'poll', clusterId });
};
