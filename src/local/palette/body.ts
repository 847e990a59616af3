import type { Context } from 'hono';
import type { z } from 'zod';
import { v1Error } from './errors';
import type { SimRuntime } from './runtime';
import { describeIssues } from './schemas';

/** A body that passed both checks, or the 400 already answered. */
export type BodyResult<T> = { ok: true; value: T } | { ok: false; response: Response };

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * Reads a JSON body and checks it against the spec's definition (when spec validation is on) and the
 * simulator's zod schema; on any problem answers 400 with a v1Error listing them and records the body.
 */
export async function readBody<T>(
  c: Context,
  sim: SimRuntime,
  definition: string,
  schema: z.ZodType<T>,
  { optional = false }: { optional?: boolean } = {},
): Promise<BodyResult<T>> {
  const text = await c.req.text();
  const parsed: { ok: true; value: unknown } | { ok: false } =
    text.trim() === '' ? (optional ? { ok: true, value: {} } : { ok: false }) : parseJson(text);
  let problems: string[];
  let body: unknown = text;
  let value: T | undefined;
  if (!parsed.ok) {
    problems = [text.trim() === '' ? `a ${definition} body is required` : 'the body is not valid JSON'];
  } else {
    body = parsed.value;
    const specProblems =
      sim
        .specCheck?.(definition)(parsed.value)
        .map((problem) => `spec ${definition}: ${problem}`) ?? [];
    const result = schema.safeParse(parsed.value);
    if (result.success) value = result.data;
    problems = [...specProblems, ...(result.success ? [] : describeIssues(result.error))];
  }
  if (problems.length === 0 && value !== undefined) return { ok: true, value };
  sim.counters.rejected({ method: c.req.method, path: c.req.path, body, problems });
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  const message = `Invalid request body: ${problems[0]}${more}`;
  return { ok: false, response: c.json(v1Error('InvalidRequest', message, { problems }), 400) };
}
