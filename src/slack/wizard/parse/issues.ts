import type { z } from 'zod';
import type { Problems } from '../form';

/** What parsing a step gave: the spec part, or messages for people by field id. */
export type StepParse<T> = { ok: true; value: T } | { ok: false; problems: Problems };

/** Spec paths (dotted, e.g. `instanceType.minCPU`) → the field id people type them in. */
export type FieldsByPath = Readonly<Record<string, string>>;

/** The field a spec path belongs to: the longest listed prefix of the path. */
export function fieldForPath(path: readonly PropertyKey[], fieldsByPath: FieldsByPath): string | undefined {
  for (let length = path.length; length > 0; length--) {
    const field = fieldsByPath[path.slice(0, length).map(String).join('.')];
    if (field !== undefined) return field;
  }
  return undefined;
}

/** Adds each issue's message to its field, keeping the first message a field got. */
export function addIssues(
  problems: Problems,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  fieldsByPath: FieldsByPath,
  fallbackField: string,
): void {
  for (const issue of issues) {
    const field = fieldForPath(issue.path, fieldsByPath) ?? fallbackField;
    problems[field] ??= issue.message;
  }
}

/**
 * Checks a candidate built from a form with the domain schema. Problems the text parsers found first win; the
 * schema's messages fill in the other fields.
 */
export function finish<T>(
  schema: z.ZodType<T>,
  candidate: unknown,
  problems: Problems,
  fieldsByPath: FieldsByPath,
  fallbackField: string,
): StepParse<T> {
  const parsed = schema.safeParse(candidate);
  if (!parsed.success) addIssues(problems, parsed.error.issues, fieldsByPath, fallbackField);
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  if (!parsed.success) return { ok: false, problems: { [fallbackField]: 'Check this step.' } };
  return { ok: true, value: parsed.data };
}

/** A number typed in a text or number input: undefined when empty (the schema says what is missing). */
export function numberIn(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}
