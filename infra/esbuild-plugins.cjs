// esbuild plugins for serverless-esbuild (`custom.esbuild.plugins` in serverless.yml), given the resolved service.
const { dirname, join, sep } = require('node:path');

/** serverless-esbuild packs what is under `__only_<function>/` into that function's zip alone, prefix removed. */
const ONLY_PREFIX = '__only_';

/** Path without its extension, with forward slashes (handlers are written `src/lambda/http.handler`). */
const stem = (path) => path.replace(/\\/g, '/').replace(/\.[^./]+$/, '');

/**
 * One function, one set of files. serverless-esbuild builds each function's entry into the same folder, so with code
 * splitting every function's chunks (and their source maps) meet in one `chunks/` folder, and each zip takes them
 * all. This plugin sends each build to `__only_<function>/`, which serverless-esbuild packs into that function's
 * zip only (at the same paths), so a zip holds its own entry, its own chunks and their maps — nothing else.
 */
function oneFolderPerFunction(serverless) {
  const functions = Object.entries(serverless.service.functions ?? {});
  return {
    name: 'one-folder-per-function',
    setup(build) {
      const { entryPoints, outdir } = build.initialOptions;
      if (
        !Array.isArray(entryPoints) ||
        entryPoints.length !== 1 ||
        typeof entryPoints[0] !== 'string' ||
        !outdir
      )
        throw new Error('one-folder-per-function expects serverless-esbuild’s build: one entry, an outdir.');
      const entry = entryPoints[0];
      const owners = functions.filter(([, fn]) => stem(fn.esbuildEntrypoint ?? fn.handler) === stem(entry));
      if (owners.length !== 1)
        throw new Error(
          `one-folder-per-function: ${entry} is the entry of ${owners.length} functions; give each function its own.`,
        );
      const entryDir = dirname(entry).split('/').join(sep);
      // serverless-esbuild's outdir is <build folder>/<the entry's folder>.
      if (entryDir !== '.' && !outdir.endsWith(entryDir))
        throw new Error(`one-folder-per-function: unexpected outdir ${outdir}.`);
      const buildDir = entryDir === '.' ? outdir : outdir.slice(0, outdir.length - entryDir.length);
      build.initialOptions.outdir = join(buildDir, `${ONLY_PREFIX}${owners[0][0]}`, entryDir);
    },
  };
}

/**
 * zod's `z` namespace carries every locale's error messages (`z.locales` and `z.core.locales`, 264 kB of its 454 kB
 * minified), and using `z` keeps them all in the bundle — parsed at every cold start. The bot writes its own messages
 * and keeps zod's English default (its schemas register `locales/en.js`), so the locales hold English alone.
 */
function zodEnglishOnly() {
  const namespace = 'zod-english-only';
  return {
    name: namespace,
    setup(build) {
      build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
        /[\\/]zod[\\/]v4[\\/](classic[\\/]external|core[\\/]index)\.js$/.test(args.importer)
          ? { path: join(dirname(args.importer), '..', 'locales', 'index.js'), namespace }
          : undefined,
      );
      build.onLoad({ filter: /.*/, namespace }, (args) => ({
        contents: `export { default as en } from ${JSON.stringify(join(dirname(args.path), 'en.js'))};`,
        resolveDir: dirname(args.path),
        loader: 'js',
      }));
    },
  };
}

module.exports = (serverless) => [oneFolderPerFunction(serverless), zodEnglishOnly()];
