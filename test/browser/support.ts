import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's chromium: the only browser these tests use (they never download one). */
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * How long a browser test may take, and one step in it (a click, a wait for text). Chromium is the heaviest process
 * here, and a machine whose cores are all busy slows every step many times over: these catch hangs, not slowness.
 */
export const BROWSER_TEST_MS = 120_000;
const BROWSER_STEP_MS = 100_000;

/** Where screenshots go (git-ignored; CI keeps them as artifacts). */
export const ARTIFACTS = resolve('test-artifacts');

const missing = !existsSync(CHROMIUM);
/** Why the browser tests are skipped here, or undefined. With CI=true they are mandatory: nothing is skipped. */
export const browserSkipReason =
  missing && process.env.CI !== 'true'
    ? `Browser tests skipped: ${CHROMIUM} is missing (apt-get update && apt-get install -y chromium). They never download a browser; with CI=true they fail instead.`
    : undefined;
if (browserSkipReason) console.log(browserSkipReason);

/** A headless chromium with a fresh profile, and one page. */
export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Starts Debian's chromium with a fresh user-data dir; in CI without chromium this fails with the reason. */
export async function launchBrowser(): Promise<Browser> {
  if (missing) throw new Error(`CI=true: the browser tests are mandatory, but ${CHROMIUM} is missing.`);
  const profile = mkdtempSync(join(tmpdir(), 'maas-chatops-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1360, height: 860 },
  });
  // A step that cannot happen fails naming the step, a little before its test's timeout; only a hang gets there.
  context.setDefaultTimeout(BROWSER_STEP_MS);
  const page = context.pages()[0] ?? (await context.newPage());
  // Anything the page throws fails the test that caused it, instead of passing unnoticed.
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      if (errors.length) throw new Error(`The page threw: ${errors.join('; ')}`);
    },
  };
}

/** Saves a screenshot of the page under test-artifacts/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
