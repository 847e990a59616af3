import { dirname, join, normalize } from 'node:path/posix';
import { init, parse } from 'es-module-lexer';

/** What an ES module bundle's files say about each other: which files its entry can load, and which it never can. */
export interface BundleReach {
  /** Files the entry loads, itself included, following static and dynamic imports (and each one's source map). */
  reachable: string[];
  /** Files the entry can never load: chunks nothing reachable imports, maps of such chunks, anything else. */
  unreachable: string[];
  /** Relative imports that name no file of the bundle (`from → specifier`). */
  missing: string[];
  /** Dynamic imports whose specifier is computed, so reachability cannot be known (`file: expression`). */
  computed: string[];
}

/** A relative specifier (`./x.mjs`, `../x.mjs`) resolved against the importing file, as a path of the bundle. */
const resolveFrom = (file: string, specifier: string) => normalize(join(dirname(file), specifier));

/**
 * Follows the import graph of an ES module bundle from its entry: `files` maps each path in the bundle (a zip's
 * entries) to its text. Imports of packages and `node:` modules are outside the bundle and not followed.
 */
export async function bundleReach(files: ReadonlyMap<string, string>, entry: string): Promise<BundleReach> {
  await init;
  const reachable = new Set<string>();
  const missing: string[] = [];
  const computed: string[] = [];
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (reachable.has(file)) continue;
    const source = files.get(file);
    if (source === undefined) {
      missing.push(file);
      continue;
    }
    reachable.add(file);
    if (files.has(`${file}.map`)) reachable.add(`${file}.map`);
    const [imports] = parse(source, file);
    for (const found of imports) {
      // `import.meta` is listed too (d = -2): it loads nothing.
      if (found.d === -2) continue;
      if (found.n === undefined) {
        computed.push(`${file}: ${source.slice(found.s, found.e)}`);
        continue;
      }
      if (!found.n.startsWith('./') && !found.n.startsWith('../')) continue;
      const target = resolveFrom(file, found.n);
      if (!files.has(target)) missing.push(`${file} → ${found.n}`);
      else pending.push(target);
    }
  }
  return {
    reachable: [...reachable].sort(),
    unreachable: [...files.keys()].filter((file) => !reachable.has(file)).sort(),
    missing,
    computed,
  };
}
