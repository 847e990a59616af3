import type { InstanceType } from './spec';
import { escapeText } from './text';

/**
 * Figures written one way everywhere people read them (the wizard's review, the approval card, the status, the
 * capacity check), so the same request never shows "8192 MiB" in one place and "8 GiB" in another.
 */

/** Memory in MiB as people read it: 8192 → "8 GiB", 1536 → "1.5 GiB". */
export function memoryText(mib: number): string {
  const gib = mib / 1024;
  return `${Number.isInteger(gib) ? gib : gib.toFixed(1)} GiB`;
}

/** A money amount in Palette's currency ("$1,234.50"), or the number and the (escaped) code when it is unknown. */
export function moneyText(total: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(total);
  } catch {
    return `${total.toFixed(2)} ${escapeText(currency)}`;
  }
}

/** A pool's machine as people read it: "≥ 8 CPU, 16 GiB RAM" (and the disk, when given). */
export function machineText(instanceType: InstanceType, diskSizeGiB?: number): string {
  const disk = diskSizeGiB === undefined ? '' : `, ${diskSizeGiB} GiB disk`;
  return `≥ ${instanceType.minCPU} CPU, ${memoryText(instanceType.minMemInMB)} RAM${disk}`;
}
