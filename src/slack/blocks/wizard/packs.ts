import type { KnownBlock, ModalView } from '@slack/types';
import { escapeText, truncate } from '../../../domain/text';
import type { ProfilePack } from '../../../palette/port';
import { topLevelKeys } from '../../../palette/values';
import { type Form, MANAGEMENT_FIELDS, packField, packFieldId } from '../../wizard/fields';
import { WIZARD_ACTIONS } from '../../wizard/ids';
import type { WizardMeta } from '../../wizard/metadata';
import { SECTION_TEXT, section, wizardModal } from './frame';
import { inputBlock } from './inputs';
import { inputBlocks } from './steps';

/** Packs shown with an input each (2 blocks a pack): with management's 13 inputs this stays under 100 blocks. */
export const MAX_PACKS_SHOWN = 30;

/** Room for the pack's name line and the code fence around the excerpt. */
const EXCERPT_TEXT = SECTION_TEXT - 300;
/** Lines of values.yaml shown on the step: a glimpse; the whole file is a click away ("Show values.yaml"). */
export const EXCERPT_LINES = 6;
/** Top-level keys named on the step. */
const KEYS_SHOWN = 12;

/**
 * A pack's values.yaml as a code block that fits a section: whole when it is short, else its first `maxLines`
 * lines and how many more there are. Escaped (Slack reads `<`, `>` and `&` even in code), and a stray fence
 * cannot close the block.
 */
export function valuesExcerpt(values: string, maxLines = EXCERPT_LINES, maxText = EXCERPT_TEXT): string {
  const text = escapeText(values.replace(/```/g, "'''")).trimEnd();
  if (text === '') return '_This pack has no values._';
  const lines = text.split('\n');
  if (text.length <= maxText && lines.length <= maxLines) return `\`\`\`${text}\`\`\``;
  const byLines = lines.slice(0, maxLines).join('\n');
  const cut = byLines.length <= maxText ? byLines.length : byLines.lastIndexOf('\n', maxText);
  const shown = text.slice(0, cut > 0 ? cut : maxText);
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

/** " · keys `a`, `b`, … and 3 more": the pack's top-level keys, for writing overrides without opening the file. */
function keysLine(values: string): string {
  const keys = topLevelKeys(values);
  if (keys.length === 0) return '';
  const shown = keys.slice(0, KEYS_SHOWN).map((key) => `\`${escapeText(truncate(key, 60))}\``);
  const more = keys.length - shown.length;
  return `\nKeys: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
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
      '*Pack values* — the chosen profile’s packs. To change a value, type `key.path=value` lines in the pack’s box; each pack shows its top-level keys and first lines, and *Show values.yaml* opens the whole file.',
    ),
    ...shown.flatMap((pack, index): KnownBlock[] => [
      {
        ...section(
          `*${escapeText(pack.name)}*${pack.tag ? ` ${escapeText(pack.tag)}` : ''}${pack.layer ? ` · ${escapeText(pack.layer)}` : ''}${keysLine(pack.values)}\n${valuesExcerpt(pack.values)}`,
          `packs.values.${index}`,
        ),
        accessory: {
          type: 'button',
          action_id: `${WIZARD_ACTIONS.showValuesPrefix}${index}`,
          text: { type: 'plain_text', text: 'Show values.yaml' },
          value: pack.name.slice(0, 2000),
        },
      },
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

/** Code blocks of a pushed values view at most (each up to a section's length): well under 100 blocks. */
const VALUES_VIEW_BLOCKS = 40;

/**
 * A pack's whole values.yaml, read-only, in a modal pushed over the pack-values step (Close returns to it): the
 * file in code blocks of a section each; a file longer than the view holds says how much is left out.
 */
export function packValuesView(pack: ProfilePack | undefined, name: string): ModalView {
  const title = { type: 'plain_text' as const, text: 'values.yaml' };
  const close = { type: 'plain_text' as const, text: 'Back' };
  if (!pack)
    return {
      type: 'modal',
      title,
      close,
      blocks: [section(`Palette does not list the pack *${escapeText(name)}* any more; press *Back*.`)],
    };
  const text = escapeText(pack.values.replace(/```/g, "'''")).trimEnd();
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > 0 && chunks.length < VALUES_VIEW_BLOCKS) {
    const cut = rest.length <= EXCERPT_TEXT ? rest.length : rest.lastIndexOf('\n', EXCERPT_TEXT);
    const end = cut > 0 ? cut : EXCERPT_TEXT;
    chunks.push(rest.slice(0, end));
    rest = rest.slice(end).replace(/^\n/, '');
  }
  const left = rest.split('\n').filter((line) => line.trim() !== '').length;
  return {
    type: 'modal',
    title,
    close,
    blocks: [
      section(
        `*${escapeText(pack.name)}*${pack.tag ? ` ${escapeText(pack.tag)}` : ''} — the profile's values`,
      ),
      ...(chunks.length > 0
        ? chunks.map((chunk) => section(`\`\`\`${chunk}\`\`\``))
        : [section('_This pack has no values._')]),
      ...(left > 0 ? [section(`… ${left} more lines: see the profile in Palette.`)] : []),
    ],
  };
}
