import { type Document, isMap, isScalar, isSeq, type Node, parseDocument, YAMLMap } from 'yaml';

/** One override of a pack's values.yaml: a dotted path of map keys and the value as the person typed it. */
export interface ValuesOverride {
  path: string;
  value: string;
}

/** An override that cannot be applied, or values.yaml that cannot be read; the message is for people. */
export class PackValuesError extends Error {
  override readonly name = 'PackValuesError';
}

/** A key whose block list starts at the key's own indentation (`key:` then `- item` under its first letter). */
const UNINDENTED_LIST = /^( *)[^\s#-][^\n]*:[ \t]*(#[^\n]*)?\r?\n\1- /m;

/**
 * Output options that keep the file's look: long strings are not re-folded (values.yaml holds long command lines
 * and certificates), and lists stay indented the way the file indents them.
 */
function toStringOptions(source: string) {
  return { lineWidth: 0, indentSeq: !UNINDENTED_LIST.test(source) } as const;
}

/**
 * The value as YAML reads it: `3` a number, `true` a boolean, `"3"` the string 3, `[a, b]` a list. Empty stays an
 * empty string (as `helm --set key=` does), and text that would read as a block map (`a: b`) stays text.
 */
function valueNode(doc: Document, value: string): Node {
  if (value.trim() === '') return doc.createNode('');
  const parsed = parseDocument(value);
  const node = parsed.contents;
  const flowOrScalar = isScalar(node) || ((isMap(node) || isSeq(node)) && node.flow === true);
  return parsed.errors.length === 0 && node !== null && flowOrScalar ? node : doc.createNode(value);
}

/** What a node is, in words, for an error message. */
function kindOf(node: unknown): string {
  if (isSeq(node)) return 'a list';
  if (isMap(node)) return 'a map';
  return 'a single value';
}

/** Sets one dotted path in the document, creating missing maps on the way. */
function setPath(doc: Document, override: ValuesOverride): void {
  const keys = override.path.split('.');
  if (keys.some((key) => key === ''))
    throw new PackValuesError(`"${override.path}" is not a dotted path of keys.`);
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null))
    doc.contents = new YAMLMap();
  let map: unknown = doc.contents;
  for (const [index, key] of keys.entries()) {
    if (!isMap(map)) {
      const through = keys.slice(0, index).join('.') || '(the top)';
      throw new PackValuesError(
        `"${override.path}": "${through}" is ${kindOf(map)}, not a map of keys, so "${key}" cannot go under it.`,
      );
    }
    const existing = map.get(key, true);
    if (index === keys.length - 1) {
      const node = valueNode(doc, override.value);
      // Keep the comments that sat on the value being replaced.
      if (isScalar(existing) && isScalar(node)) {
        node.comment = existing.comment;
        node.commentBefore = existing.commentBefore;
      }
      map.set(key, node);
      return;
    }
    if (existing === undefined || (isScalar(existing) && existing.value === null)) {
      const child = new YAMLMap();
      map.set(key, child);
      map = child;
    } else map = existing;
  }
}

/** The overrides whose dotted path the values.yaml does not have: Palette adds them as written (often a typo). */
export function missingPaths(valuesYaml: string, overrides: readonly ValuesOverride[]): string[] {
  const doc = parseDocument(valuesYaml);
  if (doc.errors.length > 0) return [];
  return overrides
    .filter((override) => !doc.hasIn(override.path.split('.')))
    .map((override) => override.path);
}

/** The top-level keys of a values.yaml, in file order (none when it is not a map or cannot be read). */
export function topLevelKeys(valuesYaml: string): string[] {
  const doc = parseDocument(valuesYaml);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return [];
  return doc.contents.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : String(pair.key)));
}

/**
 * Merges dotted-path overrides into a pack's values.yaml with the `yaml` Document API, so comments, key order
 * and untouched formatting survive. Throws PackValuesError for unreadable YAML or a path through a value or list.
 */
export function mergePackValues(valuesYaml: string, overrides: readonly ValuesOverride[]): string {
  if (overrides.length === 0) return valuesYaml;
  const doc = parseDocument(valuesYaml);
  if (doc.errors.length > 0)
    throw new PackValuesError(
      `The pack's values.yaml cannot be read: ${doc.errors[0]!.message.split('\n')[0]}`,
    );
  for (const override of overrides) setPath(doc, override);
  return doc.toString(toStringOptions(valuesYaml));
}
