import { z } from 'zod';
import { cronProblem } from '../../../domain/cron';

/**
 * The simulator's checks of day-2 feature bodies (backups, compliance scans, OS patching, machine maintenance),
 * beside the spec's JSON Schema: what Palette refuses with a 400 that the schema alone does not say.
 */

/** A Kubernetes DNS-1123 label (namespaces, backup names). */
const ResourceName = z
  .string()
  .max(63, 'must be at most 63 characters')
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a DNS-1123 label (lowercase letters, digits and "-")');

/** A five-field cron schedule, or empty for none. */
const CronText = z
  .string()
  .optional()
  .superRefine((value, ctx) => {
    const problem = value ? cronProblem(value) : undefined;
    if (problem) ctx.addIssue({ code: 'custom', message: `schedule: ${problem}` });
  });

/** `v1ClusterFeatureSchedule`: an empty `scheduledRunTime` means no schedule. */
const ScheduleSchema = z.object({
  scheduledRunTime: CronText,
});

/** `v1ClusterBackupConfig`. */
export const BackupConfigSchema = z.object({
  backupLocationName: z.string().optional(),
  backupLocationUid: z.string().optional(),
  backupName: ResourceName.optional(),
  backupPrefix: z.string().optional(),
  durationInHours: z.number().int().positive('durationInHours must be more than 0').optional(),
  includeAllDisks: z.boolean().optional(),
  includeClusterResourceMode: z.enum(['Always', 'Auto', 'Never']).optional(),
  includeClusterResources: z.boolean().optional(),
  locationType: z.string().optional(),
  namespaces: z.array(ResourceName).optional(),
  schedule: ScheduleSchema.optional(),
});
export type BackupConfigBody = z.infer<typeof BackupConfigSchema>;

const DriverSchedule = z.object({ schedule: ScheduleSchema.optional() });

/** `v1ClusterComplianceScheduleConfig`. */
export const ScanScheduleSchema = z.object({
  kubeBench: DriverSchedule.optional(),
  kubeHunter: DriverSchedule.optional(),
  sonobuoy: DriverSchedule.optional(),
});
export type ScanScheduleBody = z.infer<typeof ScanScheduleSchema>;

const RunScan = z.object({ runScan: z.boolean().optional() });

/** `v1ClusterComplianceOnDemandConfig` (syft, the SBOM scan, is not simulated). */
export const ScanOnDemandSchema = z.object({
  kubeBench: RunScan.optional(),
  kubeHunter: RunScan.optional(),
  sonobuoy: RunScan.optional(),
  syft: RunScan.optional(),
});
export type ScanOnDemandBody = z.infer<typeof ScanOnDemandSchema>;

/** `v1OsPatchConfig`. */
export const OsPatchConfigSchema = z.object({
  onDemandPatchAfter: z.string().optional(),
  patchOnBoot: z.boolean().optional(),
  rebootIfRequired: z.boolean().optional(),
  schedule: CronText,
});
export type OsPatchConfigBody = z.infer<typeof OsPatchConfigSchema>;

/** `v1OsPatchEntity`. */
export const OsPatchSchema = z.object({ osPatchConfig: OsPatchConfigSchema });

/** `v1MachineMaintenance`. */
export const MaintenanceSchema = z.object({ action: z.enum(['cordon', 'uncordon']) });

/** `v1ClusterConfig` of a create body, as far as the simulator keeps it: the OS patch config. */
export const ClusterConfigSchema = z.object({
  machineManagementConfig: z.object({ osPatchConfig: OsPatchConfigSchema.optional() }).optional(),
});

/** `v1SpectroClusterPolicies` of a create body: the backup and scan policies set in the create wizard. */
export const PoliciesSchema = z.object({
  backupPolicy: BackupConfigSchema.optional(),
  scanPolicy: ScanScheduleSchema.optional(),
});
