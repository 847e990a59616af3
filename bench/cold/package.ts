import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { type BundleReach, bundleReach } from '../../test/support/bundle-reach';
import { readZip } from '../../test/support/zip';
import { ROOT } from './build';

const run = promisify(execFile);
const OSLS = createRequire(import.meta.url).resolve('osls/bin/serverless.js');

/** One function's artifact as `osls package` wrote it, unzipped the way Lambda unpacks it into /var/task. */
export interface Artifact {
  name: 'http' | 'worker';
  zipBytes: number;
  files: number;
  /** Where it was unzipped (Lambda's /var/task). */
  dir: string;
  /** The handler's module, as Lambda imports it. */
  entryFile: string;
  reach: BundleReach;
}

/** The packaged stack's template (the function environments are read from it). */
export interface Packaged {
  artifacts: Record<'http' | 'worker', Artifact>;
  template: { Resources: Record<string, { Properties?: Record<string, unknown> }> };
  seconds: number;
}

/**
 * `osls package --stage ci` (offline: fake credentials, every AWS endpoint on a closed port), then each function's
 * zip unzipped into `<dir>/<function>` with the import graph of its files checked from the handler's entry.
 */
export async function packageStack(dir: string): Promise<Packaged> {
  const out = join(dir, 'package');
  const started = performance.now();
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_') && name !== 'NODE_OPTIONS'),
  );
  await run(process.execPath, [OSLS, 'package', '--stage', 'ci', '--package', out], {
    cwd: ROOT,
    env: {
      ...env,
      AWS_ACCESS_KEY_ID: 'offline-bench-access-key',
      AWS_SECRET_ACCESS_KEY: 'offline-bench-secret-key',
      AWS_REGION: 'us-east-1',
      AWS_CONFIG_FILE: join(dir, 'aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials'),
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    },
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(`osls package failed: ${error.message}\n${error.stdout}\n${error.stderr}`);
  });
  const seconds = (performance.now() - started) / 1000;
  const unpack = async (name: 'http' | 'worker'): Promise<Artifact> => {
    const zip = join(out, `${name}.zip`);
    const entries = readZip(zip);
    const target = join(dir, name);
    for (const [path, data] of entries) {
      mkdirSync(dirname(join(target, path)), { recursive: true });
      writeFileSync(join(target, path), data);
    }
    const entry = `src/lambda/${name}.mjs`;
    const texts = new Map([...entries].map(([path, data]) => [path, data.toString('utf8')]));
    return {
      name,
      zipBytes: statSync(zip).size,
      files: entries.size,
      dir: target,
      entryFile: join(target, entry),
      reach: await bundleReach(texts, entry),
    };
  };
  const [http, worker] = await Promise.all([unpack('http'), unpack('worker')]);
  const template = JSON.parse(
    readFileSync(join(out, 'cloudformation-template-update-stack.json'), 'utf8'),
  ) as Packaged['template'];
  return { artifacts: { http, worker }, template, seconds };
}
