import { applyFresh } from '../../clusters/decide-apply';
import type { Deps } from '../../deps';
import { type ClusterRecord, lastEvent } from '../../domain/cluster';
import { buildCreateBody } from '../../palette/build';
import { PaletteError } from '../../palette/errors';
import { PackValuesError } from '../../palette/values';
import { createFailedNotice } from '../../slack/blocks/notices';
import { showMilestone } from '../../slack/milestone';
import { postInThreadOnce } from '../../slack/thread';
import { ConflictError } from '../../store/port';
import { scopeOfRecord } from '../../teams/scope';
import type { JobHandler } from '../handler';
import { ensureStatusMessage } from '../status-message';

/** Palette's answers that refuse the request for good (a retry would get the same); 429 and 5xx are retried. */
const REFUSALS = [400, 403, 404, 409, 422];
/** How much earlier than the approval a cluster may look created and still be ours (clocks differ a little). */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Where the create ended: a cluster in Palette (made now or adopted), Palette's refusal for people, or settled by
 * another try.
 */
type Outcome = { uid: string; adopted: boolean } | { refused: string } | { settled: true };

const isNameTaken = (error: PaletteError) =>
  error.status === 409 &&
  (error.code === 'ClusterNameAlreadyExists' || /already exists/i.test(error.message));

/**
 * The cluster a previous try of this job created before dying: Palette's live cluster with the request's name,
 * created since the approval (an older one with the name belongs to someone else, and is never adopted).
 */
async function previousTry(deps: Deps, record: ClusterRecord): Promise<string | undefined> {
  const found = await scopeOfRecord(deps, record).palette.findClusterByName(record.name);
  if (!found) return undefined;
  const approvedAt = Date.parse(lastEvent(record, 'approved')?.at ?? record.requestedAt);
  const createdAt = found.createdAt ? Date.parse(found.createdAt) : Number.NaN;
  return Number.isNaN(createdAt) || createdAt >= approvedAt - CLOCK_SKEW_MS ? found.uid : undefined;
}

/**
 * Marks the record before its first create is sent, so a later try (this job retried, the reconciler's resend)
 * knows Palette may already have the cluster. Undefined when an earlier try marked it: that try may have created.
 */
function markFirstTry(deps: Deps, record: ClusterRecord): Promise<ClusterRecord | undefined> {
  return applyFresh(deps, record, 'bot', (current) =>
    current.createSentAt || current.state !== 'APPROVED'
      ? undefined
      : {
          event: 'note',
          detail: 'Sending the create to Palette.',
          set: { createSentAt: deps.now().toISOString() },
        },
  );
}

/**
 * Sends the create — on a first try at once, on a later one only after looking for the cluster an earlier try
 * created (and adopting it). Palette's refusals come back as its message. Resolves with the record as it now is.
 */
async function sendToPalette(
  deps: Deps,
  stored: ClusterRecord,
): Promise<{ outcome: Outcome; record: ClusterRecord }> {
  let record = stored;
  let marked: ClusterRecord | undefined;
  if (!stored.createSentAt) {
    marked = await markFirstTry(deps, stored);
    // Not marked: another try marked it since it was read, and may have taken it further.
    record = marked ?? (await deps.store.get(stored.id)) ?? stored;
  }
  // Another try already took it further (created it, or Palette refused it): nothing to send.
  if (record.state !== 'APPROVED') return { outcome: { settled: true }, record };
  if (!marked) {
    const adopted = await previousTry(deps, record);
    if (adopted) return { outcome: { uid: adopted, adopted: true }, record };
  }
  const { palette } = scopeOfRecord(deps, record);
  try {
    const body = buildCreateBody(record.spec, await palette.profilePacks(record.spec.profileUid));
    return { outcome: { uid: (await palette.createCluster(body)).uid, adopted: false }, record };
  } catch (error) {
    if (error instanceof PackValuesError)
      return { outcome: { refused: `The request could not be prepared: ${error.message}` }, record };
    if (!(error instanceof PaletteError)) throw error;
    if (isNameTaken(error)) {
      // Another try won the race to create it: adopt that one.
      const winner = await previousTry(deps, record);
      if (winner) return { outcome: { uid: winner, adopted: true }, record };
    }
    if (REFUSALS.includes(error.status)) return { outcome: { refused: error.message }, record };
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
    deps.metrics.add('ClusterOperations', 1, { operation: 'create', outcome: 'refused' });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    failed = await deps.store.get(record.id);
  }
  if (failed?.state !== 'FAILED') return;
  await showMilestone(deps, failed);
  await postInThreadOnce(deps, failed, 'create-failed', createFailedNotice(failed));
}

/** PROVISIONING with Palette's uids; undefined when another try recorded it first (that try does the rest). */
async function markCreated(
  deps: Deps,
  record: ClusterRecord,
  outcome: { uid: string; adopted: boolean },
): Promise<ClusterRecord | undefined> {
  const info = await scopeOfRecord(deps, record).palette.getCluster(outcome.uid);
  if (!info) throw new Error('Palette does not show the cluster it accepted yet; the job is retried.');
  const at = deps.now().toISOString();
  try {
    const created = await deps.store.apply(record, {
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
    // Counted by the try that recorded it: a duplicate that loses the conditional write does not count again.
    deps.metrics.add('ClusterOperations', 1, { operation: 'create', outcome: 'accepted' });
    return created;
  } catch (error) {
    if (error instanceof ConflictError) return undefined;
    throw error;
  }
}

/**
 * Sends an APPROVED request to Palette, in the project of its team: a retried try first looks for the cluster an earlier one created (and
 * adopts it), else creates one from the spec and the profile's packs; records the Palette uid and cloud config uid (PROVISIONING),
 * posts the status message in the thread, refreshes the card and starts the poll. Palette's refusal (400, 403,
 * 404, 409, 422) is FAILED with its message shown to people; network errors and 5xx throw, so the job is retried
 * (and the reconciler re-dispatches an APPROVED record left behind).
 */
export const create: JobHandler<'create'> = async ({ clusterId }, deps) => {
  const stored = await deps.store.get(clusterId);
  if (!stored) return;
  let record: ClusterRecord | undefined = stored;
  if (stored.state === 'APPROVED') {
    const sent = await sendToPalette(deps, stored);
    if ('refused' in sent.outcome) return fail(deps, sent.record, sent.outcome.refused);
    record = 'settled' in sent.outcome ? undefined : await markCreated(deps, sent.record, sent.outcome);
  } else if (stored.state !== 'PROVISIONING' || stored.slack.statusTs) {
    // Nothing left to do: a duplicate of a create that finished.
    return;
  }
  if (!record) return;
  await showMilestone(deps, await ensureStatusMessage(deps, record));
  await deps.jobs.dispatch({ kind: 'poll', clusterId });
};
