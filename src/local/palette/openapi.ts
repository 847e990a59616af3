import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Palette's OpenAPI subset lives in `../shared/palette/` beside the clone (CI provides it) and is never copied
 * into the project. `PALETTE_SPEC_FILE` may point elsewhere.
 */
export function paletteSpecPath(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    process.env.PALETTE_SPEC_FILE,
    resolve(here, '../../../../shared/palette/palette-api-subset.json'),
    resolve(process.cwd(), '../shared/palette/palette-api-subset.json'),
  ].filter((path): path is string => typeof path === 'string' && path.length > 0);
  return candidates.find((path) => existsSync(path));
}

/** Why spec validation is unavailable, for the printed skip reason; undefined when the spec is there. */
export function paletteSpecMissingReason(): string | undefined {
  return paletteSpecPath()
    ? undefined
    : 'Palette spec subset not found at ../shared/palette/palette-api-subset.json (set PALETTE_SPEC_FILE); ' +
        'spec validation skipped — the project zod schemas still apply.';
}

/** A check of a value against one definition of the spec: the problems, empty when it conforms. */
export type SpecCheck = (value: unknown) => string[];

const SPEC_ID = 'palette-api-subset.json';

/** Compiles validators for definitions of Palette's spec subset, or undefined when the file is absent. */
export function loadSpecValidators(): ((definition: string) => SpecCheck) | undefined {
  const path = paletteSpecPath();
  if (!path) return undefined;
  const spec = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  // Swagger 2.0 carries vendor keywords (x-omitempty …) and Go formats (int32, int64, binary): known, not checked.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(ajv);
  for (const format of ['int8', 'int32', 'int64', 'float64', 'binary', 'float', 'double', 'byte'] as const)
    ajv.addFormat(format, true);
  ajv.addSchema({ ...(toDraft7(spec) as Record<string, unknown>), $id: SPEC_ID });
  const cache = new Map<string, ValidateFunction>();
  return (definition) => {
    let validate = cache.get(definition);
    if (!validate) {
      validate = ajv.compile({ $ref: `${SPEC_ID}#/definitions/${definition}` });
      cache.set(definition, validate);
    }
    const check = validate;
    return (value) => (check(value) ? [] : (check.errors ?? []).map(describeError));
  };
}

/** Swagger 2.0 writes draft-04 `exclusiveMinimum: true` beside `minimum`; Ajv speaks draft-07 (a number). */
function toDraft7(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toDraft7);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = toDraft7(value);
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[flag] !== 'boolean') continue;
    if (out[flag] === true && typeof out[bound] === 'number') {
      out[flag] = out[bound];
      delete out[bound];
    } else delete out[flag];
  }
  return out;
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath || '(body)';
  const extra = error.keyword === 'enum' ? ` (${JSON.stringify(error.params)})` : '';
  return `${where} ${error.message ?? 'is invalid'}${extra}`;
}
