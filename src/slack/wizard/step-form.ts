import type { ViewOutput } from '@slack/bolt';
import { packNamesOf } from './assemble';
import type { WizardData } from './draft';
import {
  CLUSTER_FIELDS,
  CONTROL_PLANE_FIELDS,
  type Field,
  MANAGEMENT_FIELDS,
  packField,
  packFieldId,
  WORKER_FIELDS,
} from './fields';
import { choiceIn, type ReadForm, readForm, textOf } from './form';
import type { WizardMeta } from './metadata';
import { poolToEdit, withPoolForm } from './workers';

/** The pack names shown on the pack-values step of this draft (those of the chosen profile, as last loaded). */
export function shownPackNames(data: WizardData): string[] {
  return packNamesOf(data, choiceIn(data.cluster, 'profile')?.value);
}

/** The fields a step shows (the pack-values step's depend on the profile's packs). */
export function stepFields(data: WizardData, meta: WizardMeta): readonly Field[] {
  switch (meta.step) {
    case 'cluster':
      return CLUSTER_FIELDS;
    case 'control-plane':
      return CONTROL_PLANE_FIELDS;
    case 'workers':
      return WORKER_FIELDS;
    case 'packs':
      return [...shownPackNames(data).map((name, index) => packField(index, name)), ...MANAGEMENT_FIELDS];
    case 'review':
      return [];
  }
}

/** What a step's view holds, read and merged into the draft: the raw form replaces the step's (or pool's) old one. */
export interface CapturedStep {
  data: WizardData;
  read: ReadForm;
  /** On the worker-pools step: the pool the view was editing. */
  pool?: string;
}

/**
 * Reads the view of `meta.step` and merges what was typed into the draft, valid or not: Back, pool switching and
 * the account picker keep it, and a submission parses it. Fields with structural problems (too long, crafted
 * shapes) are left out and reported in `read.problems`.
 */
export function captureStep(data: WizardData, meta: WizardMeta, view: ViewOutput): CapturedStep {
  const read = readForm(view, stepFields(data, meta));
  switch (meta.step) {
    case 'cluster':
      return { data: { ...data, cluster: read.form }, read };
    case 'control-plane':
      return { data: { ...data, controlPlane: read.form }, read };
    case 'workers': {
      const { data: withPools, key } = meta.pool ? { data, key: meta.pool } : poolToEdit(data);
      return { data: withPoolForm(withPools, key, read.form), read, pool: key };
    }
    case 'packs': {
      const names = shownPackNames(data);
      const packValues = { ...data.packValues };
      const management: typeof read.form = {};
      names.forEach((name, index) => {
        packValues[name] = textOf(read.form, packFieldId(index));
      });
      for (const field of MANAGEMENT_FIELDS) {
        const value = read.form[field.id];
        if (value !== undefined) management[field.id] = value;
      }
      return { data: { ...data, packValues, management }, read };
    }
    case 'review':
      return { data, read };
  }
}
