import { type Management, ManagementSchema, parseList } from '../../../domain/spec';
import { type Form, MANAGEMENT_FLAGS } from '../fields';
import { flagsIn, type Problems, textOf } from '../form';
import { type FieldsByPath, finish, numberIn, type StepParse } from './issues';

/** Where each management setting is typed on step 4. */
export const MANAGEMENT_PATHS: FieldsByPath = {
  osPatch: 'osPatchSchedule',
  'osPatch.schedule': 'osPatchSchedule',
  'scans.configuration': 'scanConfiguration',
  'scans.penetration': 'scanPenetration',
  'scans.conformance': 'scanConformance',
  backup: 'backupLocation',
  'backup.locationName': 'backupLocation',
  'backup.prefix': 'backupPrefix',
  'backup.schedule': 'backupSchedule',
  'backup.expiryHours': 'backupExpiry',
  'backup.namespaces': 'backupNamespaces',
};

const BACKUP_TEXTS = ['backupLocation', 'backupPrefix', 'backupSchedule', 'backupExpiry', 'backupNamespaces'];

/** Only what was filled in: an empty schedule means "none", not an invalid one. */
function presentOnly<T extends Record<string, string>>(entries: T): Partial<T> {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== '')) as Partial<T>;
}

/** Step 4's management inputs → the optional management settings (undefined when nothing was set). */
export function parseManagementForm(form: Form): StepParse<Management | undefined> {
  const text = (id: string) => textOf(form, id).trim();
  const osFlags = flagsIn(form, 'osPatchOptions');
  const backupFlags = flagsIn(form, 'backupOptions');
  const problems: Problems = {};

  const osPatch =
    text('osPatchSchedule') !== '' || osFlags.length > 0
      ? {
          ...presentOnly({ schedule: text('osPatchSchedule') }),
          patchOnBoot: osFlags.includes(MANAGEMENT_FLAGS.patchOnBoot),
          rebootIfRequired: osFlags.includes(MANAGEMENT_FLAGS.rebootIfRequired),
        }
      : undefined;
  const scans = presentOnly({
    configuration: text('scanConfiguration'),
    penetration: text('scanPenetration'),
    conformance: text('scanConformance'),
  });
  const backupWanted = BACKUP_TEXTS.some((id) => text(id) !== '') || backupFlags.length > 0;
  if (backupWanted && text('backupExpiry') === '')
    problems.backupExpiry = 'Say how long to keep backups, in hours.';
  const backup = backupWanted
    ? {
        locationName: text('backupLocation'),
        prefix: text('backupPrefix'),
        schedule: text('backupSchedule'),
        expiryHours: numberIn(text('backupExpiry')),
        includeAllDisks: backupFlags.includes(MANAGEMENT_FLAGS.includeAllDisks),
        includeClusterResources: backupFlags.includes(MANAGEMENT_FLAGS.includeClusterResources),
        namespaces: parseList(text('backupNamespaces')),
      }
    : undefined;

  const candidate = {
    ...(osPatch ? { osPatch } : {}),
    ...(Object.keys(scans).length > 0 ? { scans } : {}),
    ...(backup ? { backup } : {}),
  };
  if (Object.keys(candidate).length === 0 && Object.keys(problems).length === 0)
    return { ok: true, value: undefined };
  return finish(ManagementSchema, candidate, problems, MANAGEMENT_PATHS, 'osPatchSchedule');
}
