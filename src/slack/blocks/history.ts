import type { AuditEvent } from '../../domain/cluster';
import type { LifecycleEvent } from '../../domain/lifecycle';
import { escapeText, truncate } from '../../domain/text';
import { mention } from './cluster-facts';

/** Who acted, for people: a mention for a person, else what the system is ("Palette", "the bot"). */
function who(by: string): string {
  if (/^[UW][A-Z0-9]+$/.test(by)) return mention(by);
  if (by === 'palette') return 'Palette';
  if (by === 'scheduler') return 'the scheduler';
  return by === 'bot' ? 'the bot' : escapeText(by);
}

/** The detail as written, cut and escaped ("" when there is none). */
const detailOf = (entry: AuditEvent, max = 200) =>
  entry.detail ? escapeText(truncate(entry.detail, max)) : '';

/** Whether Palette (not a person through the bot) caused the change: done outside the bot. */
const byPalette = (entry: AuditEvent) => entry.by === 'palette';

/** Each event as a sentence about the cluster, with who did it; the detail only where it adds something. */
const PHRASES: Record<Exclude<LifecycleEvent, 'note'>, (entry: AuditEvent) => string> = {
  requested: (entry) => `${who(entry.by)} requested it`,
  'approval-recorded': (entry) =>
    `${who(entry.by)} approved it; ${detailOf(entry) || 'more approvals needed'}`,
  approved: (entry) => `${who(entry.by)} approved it`,
  rejected: (entry) => `${who(entry.by)} rejected it`,
  expired: () => 'the request expired: nobody decided in time',
  created: (entry) =>
    entry.detail?.startsWith('Adopted')
      ? 'created in Palette (adopted the cluster an earlier try had created)'
      : 'created in Palette',
  'create-failed': (entry) => `Palette refused the create: ${detailOf(entry)}`,
  running: () => 'running: Palette reports it up and healthy',
  'provisioning-failed': (entry) => `provisioning failed: ${detailOf(entry)}`,
  'delete-started': (entry) =>
    byPalette(entry)
      ? 'deleted outside the bot: Palette reports it deleting'
      : `${who(entry.by)} started the delete`,
  'abort-started': (entry) =>
    byPalette(entry) ? 'aborted outside the bot: Palette reports it deleting' : `${who(entry.by)} aborted it`,
  'force-delete-started': (entry) => `${who(entry.by)} force-deleted it`,
  deleted: (entry) => {
    if (entry.from === 'DELETING') return 'deleted: Palette finished the deletion';
    return entry.detail?.includes('404')
      ? 'Palette no longer knows it (404): deleted outside the bot?'
      : 'deleted outside the bot: Palette reports it deleted';
  },
  scaled: (entry) => `${who(entry.by)} resized ${detailOf(entry)}`,
  'scale-finished': (entry) => `resize done: ${detailOf(entry)}`,
  'kubeconfig-sent': (entry) => `kubeconfig sent to ${who(entry.by)} in a DM`,
  'repave-approval-recorded': (entry) =>
    `${who(entry.by)} approved Palette's repave; ${detailOf(entry) || 'more approvals needed'}`,
  'repave-approved': (entry) => `${who(entry.by)} approved Palette's repave: nodes are replaced one by one`,
  'lease-started': (entry) => `lease started: ${detailOf(entry)}`,
  'lease-extended': (entry) => `${who(entry.by)} extended the lease: ${detailOf(entry)}`,
  'lease-kept': (entry) => `${who(entry.by)} set the lease to no expiry: ${detailOf(entry)}`,
  'extension-requested': (entry) =>
    `${who(entry.by)} asked the approvers for a longer lease: ${detailOf(entry)}`,
  'extension-approval-recorded': (entry) => `${who(entry.by)} approved the extension; more approvals needed`,
  'extension-rejected': (entry) => `${who(entry.by)} rejected the extension: ${detailOf(entry)}`,
  'backup-requested': (entry) => `${who(entry.by)} asked for a backup: ${detailOf(entry)}`,
  'backup-finished': (entry) => `backup ended: ${detailOf(entry)}`,
  'scan-requested': (entry) => `${who(entry.by)} asked for a scan: ${detailOf(entry)}`,
  'scan-finished': (entry) => `scan ended: ${detailOf(entry)}`,
  'backup-policy-changed': (entry) => `${who(entry.by)} changed the backup policy: ${detailOf(entry, 400)}`,
  'os-patch-requested': (entry) => `${who(entry.by)} asked for OS patching: ${detailOf(entry)}`,
  'scan-policy-changed': (entry) => `${who(entry.by)} changed the scan schedules: ${detailOf(entry, 400)}`,
  'os-patch-changed': (entry) => `${who(entry.by)} changed OS patching: ${detailOf(entry, 400)}`,
};

/**
 * One history entry as people read it — "<@U…> approved it", "created in Palette", "Palette no longer knows it
 * (404): deleted outside the bot?" — or undefined for the bot's own bookkeeping (notes), which people never see.
 */
export function historyPhrase(entry: AuditEvent): string | undefined {
  return entry.event === 'note' ? undefined : PHRASES[entry.event](entry);
}
