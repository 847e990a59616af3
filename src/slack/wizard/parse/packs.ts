import { MAX_PACK_OVERRIDES, type PackOverride, parsePackOverrides } from '../../../domain/spec';
import type { ProfilePack } from '../../../palette/port';
import { mergePackValues, PackValuesError } from '../../../palette/values';
import { packFieldId } from '../fields';
import type { Problems } from '../form';
import type { StepParse } from './issues';

/**
 * The pack-values inputs → overrides, in pack order. With the profile's packs at hand, each pack's overrides are
 * also merged into its values.yaml, so a path through a list or a plain value is caught here, not at review.
 */
export function parsePackOverrideTexts(
  packNames: readonly string[],
  texts: Readonly<Record<string, string>>,
  profilePacks?: readonly ProfilePack[],
): StepParse<PackOverride[]> {
  const problems: Problems = {};
  const overrides: PackOverride[] = [];
  packNames.forEach((name, index) => {
    const field = packFieldId(index);
    const parsed = parsePackOverrides(name, texts[name] ?? '');
    if (!parsed.ok) {
      problems[field] = parsed.message;
      return;
    }
    const pack = profilePacks?.find((candidate) => candidate.name === name);
    if (pack && parsed.value.length > 0)
      try {
        mergePackValues(pack.values, parsed.value);
      } catch (error) {
        if (!(error instanceof PackValuesError)) throw error;
        problems[field] = error.message;
        return;
      }
    overrides.push(...parsed.value);
    if (overrides.length > MAX_PACK_OVERRIDES)
      problems[field] ??= `At most ${MAX_PACK_OVERRIDES} overrides in all; this pack takes the total over.`;
  });
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, value: overrides };
}
