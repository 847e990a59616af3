import type { KnownBlock, ModalView } from '@slack/types';
import { escapeText } from '../../../domain/text';
import type { ProfilePack } from '../../../palette/port';
import { type Form, MANAGEMENT_FIELDS, packField, packFieldId } from '../../wizard/fields';
import type { WizardMeta } from '../../wizard/metadata';
import { SECTION_TEXT, section, wizardModal } from './frame';
import { inputBlock } from './inputs';
import { inputBlocks } from './steps';

/** Packs shown with an input each (2 blocks a pack): with management's 13 inputs this stays under 100 blocks. */
export const MAX_PACKS_SHOWN = 30;

/** Room for the pack's name line and the code fence around the excerpt. */
const EXCERPT_TEXT = SECTION_TEXT - 300;

/**
 * A pack's values.yaml as a code block that fits a section: whole when it fits, else its first lines and how many
 * more there are. Escaped (Slack reads `<`, `>` and `&` even in code), and a stray fence cannot close the block.
 */
export function valuesExcerpt(values: string): string {
  const text = escapeText(values.replace(/```/g, "'''")).trimEnd();
  if (text === '') return '_This pack has no values._';
  if (text.length <= EXCERPT_TEXT) return `\`\`\`${text}\`\`\``;
  const cut = text.lastIndexOf('\n', EXCERPT_TEXT);
  const shown = text.slice(0, cut > 0 ? cut : EXCERPT_TEXT);
  const more = text
    .slice(shown.length)
    .split('\n')
    .filter((line) => line.trim() !== '').length;
  return `\`\`\`${shown}\n… ${more} more line${more === 1 ? '' : 's'}\`\`\``;
}

/** What the pack-values step shows. */
export interface PacksStep {
  meta: WizardMeta;
  /** The chosen profile's packs; undefined when Palette did not list them in time. */
  packs: readonly ProfilePack[] | undefined;
  /** Override lines typed so far, by pack name. */
  overrides: Readonly<Record<string, string>>;
  management: Form;
  notice?: string;
}

function packBlocks(
  packs: readonly ProfilePack[] | undefined,
  overrides: PacksStep['overrides'],
): KnownBlock[] {
  if (!packs)
    return [
      section(
        ':hourglass: Palette did not list the profile’s packs in time, so their values cannot be changed just now. Press *Back* and *Next* to try again, or go on with the profile’s values.',
      ),
    ];
  if (packs.length === 0) return [section('The chosen profile has no packs to configure.')];
  const shown = packs.slice(0, MAX_PACKS_SHOWN);
  return [
    section(
      '*Pack values* — the chosen profile’s packs. To change a value, type `key.path=value` lines in the pack’s box; each pack’s values.yaml is shown so you can see its keys.',
    ),
    ...shown.flatMap((pack, index): KnownBlock[] => [
      section(
        `*${escapeText(pack.name)}*${pack.tag ? ` ${escapeText(pack.tag)}` : ''}${pack.layer ? ` · ${escapeText(pack.layer)}` : ''}\n${valuesExcerpt(pack.values)}`,
        `packs.values.${index}`,
      ),
      inputBlock(packField(index, pack.name), `packs.${packFieldId(index)}`, overrides[pack.name]),
    ]),
    ...(packs.length > shown.length
      ? [section(`${packs.length - shown.length} more packs keep the profile’s values.`)]
      : []),
  ];
}

/** Step 4: the profile's packs with their values and an overrides box each, then the optional management. */
export function packsStepView(step: PacksStep): ModalView {
  return wizardModal({
    meta: step.meta,
    ...(step.notice ? { notice: step.notice } : {}),
    blocks: [
      ...packBlocks(step.packs, step.overrides),
      { type: 'divider' },
      section(
        '*Management* (optional) — OS patching, scan schedules and a backup policy. Leave these empty to set them later in Palette.',
      ),
      ...inputBlocks('mgmt', MANAGEMENT_FIELDS, step.management),
    ],
  });
}
