import { describe, expect, it } from 'vitest';
import { parseManagementForm } from './management';

describe('parseManagementForm', () => {
  it('is undefined when nothing is set', () => {
    expect(parseManagementForm({})).toEqual({ ok: true, value: undefined });
  });

  it('reads OS patching, scans and a backup', () => {
    expect(
      parseManagementForm({
        osPatchOptions: ['patchOnBoot'],
        scanConformance: '0 4 * * 1',
        backupLocation: 's3-main',
        backupPrefix: 'team-a',
        backupSchedule: '0 3 * * *',
        backupExpiry: '72',
        backupOptions: ['includeClusterResources'],
        backupNamespaces: 'apps, data',
      }),
    ).toEqual({
      ok: true,
      value: {
        osPatch: { patchOnBoot: true, rebootIfRequired: false },
        scans: { conformance: '0 4 * * 1' },
        backup: {
          locationName: 's3-main',
          prefix: 'team-a',
          schedule: '0 3 * * *',
          expiryHours: 72,
          includeAllDisks: false,
          includeClusterResources: true,
          namespaces: ['apps', 'data'],
        },
      },
    });
  });

  it('asks for every backup field once one is set, on the right fields', () => {
    const parsed = parseManagementForm({ backupPrefix: 'team-a', osPatchSchedule: 'weekly' });
    expect(parsed).toEqual({
      ok: false,
      problems: {
        backupExpiry: 'Say how long to keep backups, in hours.',
        osPatchSchedule: 'OS patching schedule: use a five-field cron schedule such as "0 2 * * SUN".',
        backupLocation: 'Name the backup location.',
        backupSchedule: 'Backup schedule: use a five-field cron schedule such as "0 2 * * SUN".',
      },
    });
  });
});
