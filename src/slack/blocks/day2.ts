import type { KnownBlock } from '@slack/types';
import type { Day2Feature, Day2Result, Day2Run } from '../../domain/day2';
import { escapeText, truncate } from '../../domain/text';
import { formatUtc } from '../../domain/time';
import type { BackupRecord, OsPatchSettings } from '../../palette/features/types';
import type { BotMessage } from '../thread';
import { type Answer, noticeAnswer, plainMessage } from './answers';
import { context, mention, section } from './cluster-facts';
import { confirmedButton } from './confirmed-button';

/** The action id of the "Back up now" / "Scan now" buttons (their value: `clusterId feature`). */
export const DAY2_NOW_ACTION = 'day2-now';

/** How people call each feature. */
export const FEATURE_NAMES: Record<Day2Feature, string> = {
  backup: 'backup',
  configuration: 'configuration scan (kube-bench)',
  penetration: 'penetration scan (kube-hunter)',
  conformance: 'conformance scan (sonobuoy)',
};

const when = (at: string | undefined, now: Date) => (at ? formatUtc(new Date(at), now) : 'an unknown time');
const nameOf = (run: Pick<Day2Run, 'name'>) => (run.name ? ` \`${escapeText(run.name)}\`` : '');

/** The button's value for a cluster and feature, and back. */
export const nowValue = (clusterId: string, feature: Day2Feature) => `${clusterId} ${feature}`;
export function parseNowValue(
  value: string | undefined,
): { clusterId: string; feature: Day2Feature } | undefined {
  const [clusterId, feature] = (value ?? '').split(' ');
  if (!clusterId || !feature || !(feature in FEATURE_NAMES)) return undefined;
  return { clusterId, feature: feature as Day2Feature };
}

/** A `now` command's answer: what will happen, and the button (with Slack's confirm) that does it. */
export function confirmAnswer(
  button: { actionId: string; value: string; label: string },
  what: string,
): Answer {
  const element = confirmedButton({
    ...button,
    style: 'primary',
    title: `${button.label}?`,
    text: `${what} I will tell the cluster's thread.`,
  });
  const text = `${what} Confirm to start it.`;
  return { text, blocks: [section(text), { type: 'actions', elements: [element] }] };
}

/** `/maas backup|scan NAME now`'s answer. */
export function confirmNowAnswer(
  cluster: { id: string; name: string },
  feature: Day2Feature,
  what: string,
): Answer {
  const label = feature === 'backup' ? 'Back up now' : 'Scan now';
  return confirmAnswer({ actionId: DAY2_NOW_ACTION, value: nowValue(cluster.id, feature), label }, what);
}

/** The answer when one of the same kind is under way: that one, not a second. */
export function alreadyRunningText(name: string, feature: Day2Feature, run: Day2Run, now: Date): string {
  return `A ${FEATURE_NAMES[feature]}${nameOf(run)} of *${escapeText(name)}* is already running (asked by ${mention(run.by)} at ${when(run.since, now)}); I will report its end in the thread.`;
}

/** The clicker's message once the request is claimed. */
export function nowRequestedAnswer(name: string, feature: Day2Feature): Answer {
  return noticeAnswer(
    `:hourglass_flowing_sand: ${FEATURE_NAMES[feature]} of *${escapeText(name)}* asked for; follow it in the cluster's thread.`,
  );
}

/** In the thread: Palette accepted the request. */
export function requestedMessage(feature: Day2Feature, run: Day2Run, now: Date): BotMessage {
  const icon = feature === 'backup' ? ':floppy_disk:' : ':mag:';
  return plainMessage(
    `${icon} ${mention(run.by)} asked for a ${FEATURE_NAMES[feature]}${nameOf(run)} at ${when(run.since, now)}; Palette is on it. I will post here when it ends.`,
  );
}

/** A backup's result line (the status message, App Home and the history keep it). */
export function backupResultSummary(backup: BackupRecord, now: Date): string {
  const name = backup.name ? `\`${backup.name}\`` : 'the backup';
  if (backup.state.toLowerCase() === 'completed') {
    // Velero lists `*` for a backup of every namespace.
    const named = backup.namespaces.filter((namespace) => namespace !== '*');
    const namespaces = named.length > 0 ? named.join(', ') : 'all namespaces';
    const expiry = backup.expiresAt ? `, kept until ${when(backup.expiresAt, now)}` : '';
    return `${name} completed (${namespaces}${expiry})`;
  }
  return `${name} failed: ${backup.message ?? `Palette reports ${backup.state}`}`;
}

/** In the thread: how the run ended, with the detail lines (a scan's worst findings). */
export function finishedMessage(feature: Day2Feature, result: Day2Result, detail: string[] = []): BotMessage {
  const icon = result.outcome === 'completed' ? ':white_check_mark:' : ':x:';
  const text = `${icon} ${FEATURE_NAMES[feature]} ${result.outcome === 'completed' ? 'finished' : 'failed'}: ${escapeText(truncate(result.summary, 600))}`;
  const blocks: KnownBlock[] = [section(text)];
  if (detail.length > 0) blocks.push(section(truncate(detail.join('\n'), 2_900)));
  return { text, blocks };
}

/** In the thread, once: a run Palette still reports as going long after it should have ended. */
export function stalledMessage(feature: Day2Feature, run: Day2Run, state: string, now: Date): BotMessage {
  return plainMessage(
    `:hourglass: The ${FEATURE_NAMES[feature]}${nameOf(run)} asked for at ${when(run.since, now)} is still "${escapeText(truncate(state, 40))}" in Palette. I keep checking every few minutes; check the cluster in Palette if it does not end.`,
  );
}

/** `/maas backups NAME`: the recent backups, newest first. */
export function backupsAnswer(name: string, backups: readonly BackupRecord[], now: Date): Answer {
  if (backups.length === 0)
    return noticeAnswer(
      `*${escapeText(name)}* has no backups yet. Use \`/maas backup ${name} now\` to take one.`,
    );
  const lines = backups.slice(0, 10).map((backup) => {
    const expiry = backup.expiresAt ? `, expires ${when(backup.expiresAt, now)}` : '';
    return `• \`${escapeText(backup.name ?? backup.requestUid)}\` — ${escapeText(backup.state)}, ${when(backup.at, now)}${expiry}`;
  });
  const more = backups.length > 10 ? [context(`…and ${backups.length - 10} older backups.`)] : [];
  const text = `Recent backups of *${escapeText(name)}*:\n${lines.join('\n')}`;
  return { text, blocks: [section(text), ...more] };
}

/** The action id of the "Patch now" button (its value: the cluster id). */
export const PATCH_NOW_ACTION = 'patch-now';

/** In the thread: an on-demand OS patch asked of Palette, with the settings it keeps. */
export function patchRequestedMessage(by: string, sent: OsPatchSettings, now: Date): BotMessage {
  const kept = [
    sent.schedule ? `schedule \`${escapeText(sent.schedule)}\` kept` : 'no patch schedule',
    `reboot if required: ${sent.rebootIfRequired ? 'yes' : 'no'}`,
    `patch on boot: ${sent.patchOnBoot ? 'yes' : 'no'}`,
  ];
  return plainMessage(
    `:wrench: ${mention(by)} asked for OS patching of the nodes at ${formatUtc(now, now)}; Palette patches after ${when(sent.onDemandPatchAfter, now)} (${kept.join(', ')}).`,
  );
}
