import { readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type BuildOptions, build } from 'esbuild';
import { parse } from 'yaml';
import { z } from 'zod';

/** The project root (serverless.yml, src/…). */
export const ROOT = join(import.meta.dirname, '..', '..');

/** serverless.yml's `custom.esbuild`: the serverless-esbuild keys it maps, the rest passed to esbuild as is. */
const DeployedOptions = z
  .object({
    exclude: z.array(z.string()).default([]),
    outputFileExtension: z.string().default('.js'),
  })
  .catchall(z.unknown());

/**
 * The esbuild options the deployment bundles with (serverless.yml's `custom.esbuild`, read at run time), minus
 * source maps and the plugins file (serverless-esbuild's: it places each function's files in its own zip).
 */
export function deployedBuildOptions(): BuildOptions {
  // CloudFormation's short tags (!If, !Ref…) elsewhere in the file are not YAML this needs: keep them as text.
  const serverless = parse(readFileSync(join(ROOT, 'serverless.yml'), 'utf8'), { logLevel: 'silent' }) as {
    custom: { esbuild: unknown };
  };
  const {
    exclude,
    outputFileExtension,
    sourcemap: _maps,
    sourcesContent: _sources,
    plugins: _perFunctionFolders,
    ...esbuildOptions
  } = DeployedOptions.parse(serverless.custom.esbuild);
  return {
    ...(esbuildOptions as BuildOptions),
    external: exclude,
    outExtension: { '.js': outputFileExtension },
    absWorkingDir: ROOT,
  };
}

/** One built bundle: its entry file and the bytes of every file it is made of (entry and chunks). */
export interface Bundle {
  name: string;
  entryFile: string;
  files: number;
  bytes: number;
}

/** Bundles `entry` into `outdir` with `options`; `name` labels it in the results. */
export async function bundle(
  name: string,
  entry: string,
  outdir: string,
  options: BuildOptions,
): Promise<Bundle> {
  const result = await build({
    ...options,
    entryPoints: [join(ROOT, entry)],
    outdir,
    metafile: true,
    write: true,
  });
  const outputs = Object.keys(result.metafile.outputs).filter((file) => !file.endsWith('.map'));
  // Chunks loaded by dynamic import() are entry points too: the entry is the one built from `entry`.
  const entryFile = outputs.find((file) => result.metafile.outputs[file]?.entryPoint === entry);
  if (!entryFile) throw new Error(`esbuild wrote no entry for ${entry}`);
  const bytes = outputs.reduce((sum, file) => sum + statSync(join(ROOT, file)).size, 0);
  return { name, entryFile: join(ROOT, entryFile), files: outputs.length, bytes };
}

/** A path for messages, relative to the project. */
export const fromRoot = (path: string) => relative(ROOT, path);
