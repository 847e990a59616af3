import { applyFresh } from '../../clusters/decide-apply';
import {
  extensionCard,
  extensionDecidedMessage,
  extensionRequestedMessage,
} from '../../slack/blocks/extension';
import { postInThreadOnce, updateMessage } from '../../slack/thread';
import { scopeOfRecord } from '../../teams/scope';
import type { JobHandler } from '../handler';

/** How long the claim on posting one extension card holds: longer than any request waits. */
const CARD_CLAIM_SECONDS = 90 * 86_400;

/**
 * Shows an extension request where people decide and hear of it: the card in the team's approvals channel (posted
 * once per request — claimed first — then kept up to date with its approvals and decision) and the cluster's
 * thread (told once of the request and once of the decision).
 */
export const extensionJob: JobHandler<'extension'> = async ({ clusterId }, deps) => {
  const record = await deps.store.get(clusterId);
  const extension = record?.lease?.extension;
  if (!record || !extension) return;
  const { team } = scopeOfRecord(deps, record);
  const card = extensionCard(record, extension, team.requiredApprovals);
  if (extension.card) await updateMessage(deps, extension.card, card);
  else if (await deps.store.claimOnce(`extension-card:${clusterId}:${extension.at}`, CARD_CLAIM_SECONDS)) {
    const posted = await deps.slack.chat.postMessage({ channel: team.approvalChannel, ...card });
    const place = { channel: team.approvalChannel, ts: posted.ts! };
    const saved = await applyFresh(deps, record, 'bot', (current) =>
      current.lease?.extension?.at === extension.at
        ? {
            event: 'note',
            detail: 'extension card posted',
            set: { lease: { ...current.lease, extension: { ...current.lease.extension, card: place } } },
          }
        : undefined,
    );
    // A decision that landed while the card was being posted: show it now.
    if (saved?.lease?.extension?.decision)
      await updateMessage(deps, place, extensionCard(saved, saved.lease.extension, team.requiredApprovals));
  }
  await postInThreadOnce(
    deps,
    record,
    `extension-requested:${extension.at}`,
    extensionRequestedMessage(record, extension),
  );
  if (extension.decision)
    await postInThreadOnce(
      deps,
      record,
      `extension-decided:${extension.at}`,
      extensionDecidedMessage(record, extension, deps.now()),
    );
};
