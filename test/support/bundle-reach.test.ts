import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleReach } from './bundle-reach';

const sources = mkdtempSync(join(tmpdir(), 'bundle-reach-'));
afterAll(() => rmSync(sources, { recursive: true, force: true }));

/** Two entries built together with code splitting, as serverless-esbuild used to put them in one folder. */
async function splitBuild(): Promise<Map<string, string>> {
  const files: Record<string, string> = {
    'a.ts':
      "import { shared } from './shared';\nexport const a = async () => shared + (await import('./lazy')).lazy;",
    'b.ts':
      "import { shared } from './shared';\nexport const b = async () => shared + (await import('./only-b')).onlyB;",
    'shared.ts': "export const shared = 'shared'.repeat(Number(process.env.N ?? 1));",
    'lazy.ts': "export const lazy = 'lazy'.repeat(Number(process.env.N ?? 1));",
    'only-b.ts': "import { shared } from './shared';\nexport const onlyB = shared + 'only b';",
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(sources, name), text);
  const out = join(sources, 'out');
  const result = await build({
    entryPoints: [join(sources, 'a.ts'), join(sources, 'b.ts')],
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    sourcemap: true,
    outdir: out,
    chunkNames: 'chunks/[name]-[hash]',
    write: false,
  });
  return new Map(result.outputFiles.map((file) => [relative(out, file.path), file.text]));
}

describe('bundleReach', () => {
  it("follows an entry's static and dynamic imports, and names every file it can never load", async () => {
    const files = await splitBuild();
    const chunks = [...files.keys()].filter((file) => file.startsWith('chunks/') && file.endsWith('.js'));
    expect(chunks.length).toBeGreaterThanOrEqual(2);

    const fromA = await bundleReach(files, 'a.js');
    expect(fromA.missing).toEqual([]);
    expect(fromA.computed).toEqual([]);
    expect(fromA.reachable).toEqual(expect.arrayContaining(['a.js', 'a.js.map']));
    // The lazy chunk is reached only through import(); b's files never are.
    const lazyChunk = chunks.find((chunk) => files.get(chunk)!.includes('"lazy"'));
    expect(lazyChunk && fromA.reachable).toContain(lazyChunk);
    expect(fromA.unreachable).toEqual(expect.arrayContaining(['b.js', 'b.js.map']));
    expect(fromA.unreachable.filter((file) => file.startsWith('chunks/')).length).toBeGreaterThan(0);
    expect([...fromA.reachable, ...fromA.unreachable].sort()).toEqual([...files.keys()].sort());

    const fromB = await bundleReach(files, 'b.js');
    expect(fromB.reachable).not.toContain(lazyChunk);
  });

  it('reports an import of a file the bundle lacks, and a computed dynamic import it cannot follow', async () => {
    const files = new Map([
      [
        'entry.mjs',
        'import{x}from"./chunks/gone.mjs";import("node:fs");const m=n=>import(n);export{m};const u=import.meta.url;',
      ],
      ['stray.mjs', 'export const y=1;'],
      ['stray.mjs.map', '{}'],
    ]);
    const reach = await bundleReach(files, 'entry.mjs');
    expect(reach.missing).toEqual(['entry.mjs → ./chunks/gone.mjs']);
    expect(reach.computed).toEqual(['entry.mjs: n']);
    expect(reach.unreachable).toEqual(['stray.mjs', 'stray.mjs.map']);
  });
});
