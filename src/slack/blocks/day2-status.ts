import type { ClusterRecord } from '../../domain/cluster';
import type { Day2Feature } from '../../domain/day2';
import { escapeText, truncate } from '../../domain/text';
import { formatUtc } from '../../domain/time';
import type { BackupPolicy, OsPatchSettings, ScanSchedules } from '../../palette/features/types';
import { FEATURE_NAMES } from './day2';

/** The day-2 settings Palette holds for a cluster (read for `/maas status`). */
export interface Day2Settings {
  backup?: BackupPolicy;
  scans?: ScanSchedules;
  osPatch?: OsPatchSettings;
}

const FEATURES: readonly Day2Feature[] = ['backup', 'configuration', 'penetration', 'conformance'];
const cron = (schedule: string | undefined) => (schedule ? `\`${escapeText(schedule)}\`` : 'not scheduled');

/** The settings, one line each: backup policy, scan schedules, OS patching. */
function settingLines({ backup, scans, osPatch }: Day2Settings): string[] {
  const lines: string[] = [];
  lines.push(
    backup
      ? `:floppy_disk: Backups ${cron(backup.schedule)} to ${escapeText(backup.locationName ?? 'the default location')}, kept ${backup.expiryHours ?? '—'} h, ${backup.namespaces.length > 0 ? escapeText(truncate(backup.namespaces.join(', '), 200)) : 'all namespaces'}`
      : ':floppy_disk: No backup policy',
  );
  if (scans) {
    const set = Object.entries(scans).map(([kind, schedule]) => `${kind} ${cron(schedule)}`);
    lines.push(`:mag: Scans: ${set.length > 0 ? set.join(', ') : 'none scheduled'}`);
  } else lines.push(':mag: No scan policy');
  if (osPatch)
    lines.push(
      `:wrench: OS patching ${cron(osPatch.schedule)}${osPatch.patchOnBoot ? ', on boot' : ''}${osPatch.rebootIfRequired ? ', reboots if required' : ''}${osPatch.onDemandPatchAfter ? `, on demand after ${escapeText(osPatch.onDemandPatchAfter)}` : ''}`,
    );
  return lines;
}

/** The run under way and the last result of each feature the bot followed. */
function runLines(record: Pick<ClusterRecord, 'day2'>, now: Date): string[] {
  return FEATURES.flatMap((feature) => {
    const state = record.day2?.[feature];
    const lines: string[] = [];
    if (state?.running)
      lines.push(
        `• ${FEATURE_NAMES[feature]} running since ${formatUtc(new Date(state.running.since), now)}`,
      );
    if (state?.last)
      lines.push(
        `• last ${FEATURE_NAMES[feature]} ${state.last.outcome} ${formatUtc(new Date(state.last.at), now)}: ${escapeText(truncate(state.last.summary, 200))}`,
      );
    return lines;
  });
}

/** The day-2 section of `/maas status`: settings (when Palette was read) and the runs; undefined when empty. */
export function day2StatusText(
  record: Pick<ClusterRecord, 'day2'>,
  settings: Day2Settings | undefined,
  now: Date,
): string | undefined {
  const lines = [...(settings ? settingLines(settings) : []), ...runLines(record, now)];
  return lines.length > 0 ? `*Day-2*\n${lines.join('\n')}` : undefined;
}
