import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The page's three files, ready to serve. */
export interface PageAssets {
  html: string;
  css: string;
  /** The browser code (client/main.ts and what it imports), bundled into one script. */
  js: string;
}

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));

/** Reads the HTML and CSS and bundles the TypeScript client with esbuild — locally, no network. */
export async function buildPageAssets(): Promise<PageAssets> {
  const [html, css, bundle] = await Promise.all([
    readFile(here('./index.html'), 'utf8'),
    readFile(here('./page.css'), 'utf8'),
    build({
      entryPoints: [here('./client/main.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      logLevel: 'silent',
    }),
  ]);
  const js = bundle.outputFiles[0]?.text;
  if (js === undefined) throw new Error('esbuild produced no script for the playground page.');
  return { html, css, js };
}
