import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlaygroundPage, type PlaygroundPage } from '../../src/local/slack/page';
import { keepConversations } from '../../src/local/slack/page/saved-workspace';
import type { LocalStack } from '../../src/local/stack';
import { startTestStack } from '../support/stack';
import { until } from '../support/wait';
import { BROWSER_TEST_MS, type Browser, browserSkipReason, launchBrowser, screenshot } from './support';

const NAME = 'web-01';
/** The teams `npm start` runs with: the walkthrough happens in the platform team's channels. */
const EXAMPLE_TEAMS = fileURLToPath(new URL('../../teams.example.yml', import.meta.url));

/**
 * The playground walkthrough in a real browser against the whole bot (wizard, approvals, provisioning, day 2):
 * a requester creates a cluster through the modal, an approver approves it, the thread follows it to Running,
 * the requester scales it and the thread follows the resize to "2/2 nodes ready", backs it up and scans it (each
 * end reported in the thread with its summary), the playground restarts on
 * its DATA_DIR and the cluster is still Running (its Palette link too), the requester deletes it by typing its
 * name, the deletion sticks (tag sim.sticky-delete) and, once the short force-delete window has passed, the admin
 * force-deletes it from the notice in the thread — and the thread and the status message agree on what is left.
 * Like `npm start`, it runs with the example's two teams: the data team's channel shows only what is the data
 * team's.
 */
describe.skipIf(browserSkipReason)('the playground walkthrough', { timeout: BROWSER_TEST_MS }, () => {
  let stack: LocalStack;
  let conversations: { close(): void };
  let playground: PlaygroundPage;
  let browser: Browser;
  let page: Page;
  const dataDir = mkdtempSync(join(tmpdir(), 'maas-chatops-walkthrough-'));
  /** The stack as `npm start` runs it: data (and the workspace's conversations) kept in DATA_DIR. */
  const startPlayground = async (ports: { slack?: number; palette?: number; maas?: number } = {}) => {
    stack = await startTestStack({
      env: { TEAMS_FILE: EXAMPLE_TEAMS },
      dataDir,
      extendSlack: playground.mount,
      simulateMaas: true,
      // Fast enough to keep the file short, slow enough that the thread shows provisioning before Running.
      paletteSimulator: { speed: 40, ...(ports.palette ? { port: ports.palette } : {}) },
      ...(ports.maas ? { maasSimulator: { port: ports.maas } } : {}),
      ...(ports.slack ? { slackPort: ports.slack } : {}),
      forceDeleteAfterSeconds: 2,
    });
    conversations = keepConversations(stack.slack!, join(dataDir, 'slack-workspace.json'));
    playground.attach(stack.slack!);
  };
  const stopPlayground = async () => {
    await stack.close();
    conversations.close();
  };

  const modal = () => page.locator('form.modal');
  const thread = () => page.getByRole('complementary', { name: 'Thread' });
  const type = async (line: string) => {
    await page.getByRole('textbox', { name: /^Message/ }).fill(line);
    await page.keyboard.press('Enter');
  };
  const actAs = async (label: string) => {
    await page.getByLabel('Acting as').selectOption({ label });
    await page.locator('#who-detail', { hasText: label.split(' (')[1]!.replace(')', '') }).waitFor();
  };
  /** Picks the first option the bot offers in an external select (it asks the bot as the person focuses it). */
  const pickFirst = async (label: string) => {
    await modal().getByLabel(label, { exact: true }).click();
    await modal().locator('.suggestions [role="option"]').first().click();
  };
  const next = async (step: string) => {
    await modal().getByRole('button', { name: 'Next' }).click();
    await modal().getByText(step).waitFor();
  };
  const openThread = async (): Promise<Locator> => {
    await page.getByRole('link', { name: '# platform-requests' }).click();
    await page
      .locator('article.message', { hasText: `requested the cluster ${NAME}` })
      .locator('.thread-link')
      .click();
    return thread();
  };
  const record = () => stack.deps.store.findByName(NAME);

  beforeAll(async () => {
    playground = await createPlaygroundPage();
    await startPlayground();
    browser = await launchBrowser();
    page = browser.page;
    await page.goto(`${stack.slack!.url}/?as=requester`);
    await page.locator('#live-status', { hasText: 'Live' }).waitFor();
  }, BROWSER_TEST_MS);
  afterAll(async () => {
    await browser?.close();
    if (stack) await stopPlayground();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a requester creates a cluster through the modal', async () => {
    await type(`/maas create-cluster ${NAME}`);
    await modal().getByText('Step 1 of 5').waitFor();
    await expect(modal().getByLabel('Name', { exact: true }).inputValue()).resolves.toBe(NAME);
    await modal().getByLabel('Description', { exact: true }).fill('The playground walkthrough');
    await modal().getByLabel('Tags', { exact: true }).fill('team:a, sim.sticky-delete');
    await pickFirst('Cluster profile');
    // Choosing the account makes the bot update the view (Domain belongs to the account): wait for it.
    const before = await modal().getAttribute('data-hash');
    await pickFirst('Cloud account');
    await page.locator(`form.modal:not([data-hash="${before}"])`).waitFor();
    await pickFirst('Domain');
    await next('Step 2 of 5');
    await pickFirst('Resource pool');
    await next('Step 3 of 5');
    await pickFirst('Resource pool');
    await next('Step 4 of 5');
    await next('Step 5 of 5');
    await modal().getByText('dry run accepts this request').waitFor();
    await screenshot(page, 'walkthrough-1-review');
    await modal().getByRole('button', { name: 'Submit request' }).click();
    await modal().getByText('waits for approval').waitFor();
    await modal().getByRole('button', { name: 'Close' }).first().click();
    await modal().waitFor({ state: 'detached' });
    await page.locator('article.message', { hasText: `requested the cluster ${NAME}` }).waitFor();
    await expect(record()).resolves.toMatchObject({
      state: 'PENDING_APPROVAL',
      requester: stack.slack!.users.requester,
    });
  });

  it('an approver approves it on the card, through its confirm dialog', async () => {
    await actAs('Priya Nair (approver)');
    await page.getByRole('link', { name: '# cluster-approvals' }).click();
    const card = page.locator('article.message', { hasText: `Cluster request: ${NAME}` });
    await card.getByText('Palette validated the request.').waitFor();
    await card.getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Approve this cluster?' });
    await dialog.waitFor();
    await screenshot(page, 'walkthrough-2-approve');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    const approved = await until('the approval stored', async () => {
      const approvals = (await record())?.approvals ?? [];
      return approvals.length > 0 ? approvals : undefined;
    });
    expect(approved.map((approval) => approval.userId)).toEqual([stack.slack!.users.approver]);
  });

  it('the thread follows it to Running', async () => {
    await page.getByRole('link', { name: 'Request thread' }).click();
    // The decision notice (the request message above it says "approved by" too).
    await thread().locator('article', { hasText: 'Approved by' }).last().waitFor();
    await thread()
      .locator('article', { hasText: `${NAME} is running` })
      .last()
      .waitFor();
    // The status message's edit is paced apart from the notice: wait for it, then read its sections.
    const status = thread().locator('article', { hasText: 'Running —' });
    await status.filter({ hasText: '1/1 nodes ready' }).waitFor();
    await expect(status.locator('.section-text').allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining('1/1 nodes ready')]),
    );
    await screenshot(page, 'walkthrough-3-running');
    await expect(record()).resolves.toMatchObject({ state: 'RUNNING' });
  });

  it('the requester clicks "Get kubeconfig" on the Running notice and the file arrives in their DM', async () => {
    await actAs('Riley Chen (requester)');
    const panel = await openThread();
    const notice = panel.locator('article', { hasText: `${NAME} is running` }).last();
    await notice.getByRole('button', { name: 'Get kubeconfig' }).click();
    await panel.locator('article', { hasText: 'is on its way to you in a DM' }).waitFor();
    await page.getByRole('link', { name: stack.slack!.workspace.bot.name }).click();
    await page.getByRole('tab', { name: 'Messages' }).click();
    const dm = page.locator('.conversation article.message', { hasText: `Your kubeconfig of ${NAME},` });
    const file = dm.getByRole('link', { name: new RegExp(`${NAME}\\.kubeconfig\\.yaml`) });
    await file.waitFor();
    await expect(dm.textContent()).resolves.toContain('It is personal');
    await screenshot(page, 'walkthrough-3b-kubeconfig-dm');
    const download = await page.request.get(new URL((await file.getAttribute('href'))!, page.url()).href);
    expect(download.status()).toBe(200);
    expect(await download.text()).toContain('kind: Config');
    // Never in the thread: the channel shows only that it was sent.
    expect((await panel.locator('article').allTextContents()).join('\n')).not.toContain('kind: Config');
  });

  it('the requester scales it, and the thread follows the resize to "2/2 nodes ready"', async () => {
    await actAs('Riley Chen (requester)');
    const panel = await openThread();
    await type(`/maas scale ${NAME} worker-pool 2`);
    await panel
      .locator('article', { hasText: `worker-pool of ${NAME} is resized: 2/2 nodes ready` })
      .waitFor();
    // The status message, the request line and the record agree: 2/2, no longer resizing.
    const status = panel.locator('article', { hasText: 'Running —' });
    await status.filter({ hasText: '2/2 nodes ready' }).waitFor();
    await expect(status.locator('.section-text').allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining('2/2 nodes ready')]),
    );
    const thread = (await panel.locator('article').allTextContents()).join('\n');
    expect(thread.indexOf('resized worker-pool')).toBeLessThan(thread.indexOf('MachinePoolScaling'));
    expect(thread.indexOf('MachinePoolScaling')).toBeLessThan(thread.indexOf('is resized: 2/2 nodes ready'));
    await screenshot(page, 'walkthrough-4-scaled');
    await expect(record()).resolves.toMatchObject({ state: 'RUNNING', spec: { workerPools: [{ size: 2 }] } });
    expect((await record())?.scaling).toBeUndefined();
  });

  it('the requester backs it up and scans it, and the thread reports each end with its summary', async () => {
    await actAs('Riley Chen (requester)');
    const panel = await openThread();
    /** Types a `now` command and presses its button through Slack's confirm dialog. */
    const confirmNow = async (command: string, label: string) => {
      await type(command);
      await page.getByRole('button', { name: label }).last().click();
      const dialog = page.getByRole('alertdialog', { name: `${label}?` });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: label }).click();
    };
    await confirmNow(`/maas backup ${NAME} now`, 'Back up now');
    const backup = panel.locator('article', { hasText: 'backup finished' });
    await backup.waitFor();
    await expect(backup.textContent()).resolves.toMatch(/completed \(all namespaces, kept until/);
    await confirmNow(`/maas scan ${NAME} now`, 'Scan now');
    const scan = panel.locator('article', { hasText: 'configuration scan (kube-bench) finished' });
    await scan.waitFor();
    // The simulator's kube-bench report: its counts and its worst failing checks, with their remediation.
    await expect(scan.textContent()).resolves.toMatch(/\d+ pass, \d+ fail, \d+ warn, \d+ info/);
    await expect(scan.textContent()).resolves.toContain('1.1.12');
    await screenshot(page, 'walkthrough-4b-backup-and-scan');
    // The record keeps each last result (for /maas status and Home), saved once the end was told.
    const day2 = await until('both results on the record', async () => {
      const kept = (await record())?.day2;
      return kept?.backup?.last && kept.configuration?.last ? kept : undefined;
    });
    expect([day2.backup?.last?.outcome, day2.configuration?.last?.outcome]).toEqual([
      'completed',
      'completed',
    ]);
  });

  it('a restart of the playground keeps it Running, in the thread and in Palette, and its link working', async () => {
    const before = (await record())!;
    const ports = {
      slack: Number(new URL(stack.slack!.url).port),
      palette: Number(new URL(stack.palette!.url).port),
      maas: Number(new URL(stack.maas!.apiUrl).port),
    };
    await stopPlayground();
    await page.locator('#live-status', { hasText: 'Reconnecting' }).waitFor();
    await startPlayground(ports);
    await page.reload();
    await page.locator('#live-status', { hasText: 'Live' }).waitFor();
    // The reconciler's look after a restart finds nothing to change.
    await stack.deps.jobs.dispatch({ kind: 'reconcile' });
    await stack.idle();
    await expect(record()).resolves.toMatchObject({ state: 'RUNNING', version: before.version });
    const panel = await openThread();
    await panel
      .locator('article', { hasText: `${NAME} is running` })
      .first()
      .waitFor();
    const link = await panel.getByRole('link', { name: 'Open it in Palette' }).first().getAttribute('href');
    const palettePage = await page.request.get(link!);
    expect(palettePage.status()).toBe(200);
    expect(await palettePage.text()).toContain('<span class="state">Running</span>');
    expect((await panel.locator('article').allTextContents()).join('\n')).not.toMatch(
      /no longer knows|is deleted/,
    );
    await screenshot(page, 'walkthrough-5-after-restart');
  });

  it('the requester deletes it by typing its name', async () => {
    await actAs('Riley Chen (requester)');
    await page.getByRole('link', { name: '# platform-requests' }).click();
    await type(`/maas delete ${NAME}`);
    await modal().getByRole('heading', { name: 'Delete cluster' }).waitFor();
    await modal().getByLabel('Type the cluster name to confirm').fill('web-1');
    await modal().getByRole('button', { name: 'Delete' }).click();
    await modal().getByRole('alert').getByText(`Type "${NAME}" exactly to confirm.`).waitFor();
    await modal().getByLabel('Type the cluster name to confirm').fill(NAME);
    await screenshot(page, 'walkthrough-6-delete');
    await modal().getByRole('button', { name: 'Delete' }).click();
    await modal().getByRole('button', { name: 'Close' }).first().click();
    await modal().waitFor({ state: 'detached' });
    await until('the record in DELETING', async () =>
      (await record())?.state === 'DELETING' ? true : undefined,
    );
  });

  it('the deletion sticks: once the window opens the admin sees the notice and force-deletes', async () => {
    await actAs('Alex Kowalski (admin)');
    const panel = await openThread();
    const forceDelete = panel.getByRole('button', { name: 'Force delete' });
    await forceDelete.waitFor();
    await screenshot(page, 'walkthrough-7-force-delete-notice');
    await forceDelete.click();
    const dialog = page.getByRole('alertdialog', { name: 'Force delete?' });
    await dialog.getByRole('button', { name: 'Force delete' }).click();
    await until('the record in DELETED', async () =>
      (await record())?.state === 'DELETED' ? true : undefined,
    );
    expect((await record())?.forceDeleteBy).toBe(stack.slack!.users.admin);
    // The end says machines may be left, and lists them once; the status message agrees with the thread.
    await panel.locator('article', { hasText: `${NAME} was force-deleted` }).waitFor();
    await expect(
      panel.locator('article', { hasText: 'MAAS machines still allocated' }).count(),
    ).resolves.toBe(1);
    const status = panel.locator('article', { hasText: 'Deleted —' });
    await expect(status.textContent()).resolves.toContain('may still be allocated (listed in this thread)');
    await expect(status.textContent()).resolves.not.toContain('Every machine is released');
    await screenshot(page, 'walkthrough-8-force-deleted');
  });

  it("another team's channel is that team's: its help, its quota, its clusters", async () => {
    await actAs('Jun Park (data requester)');
    await page.getByRole('link', { name: '# data-requests' }).click();
    await type('/maas help');
    await page
      .locator('article.message.ephemeral', { hasText: 'This channel belongs to team data' })
      .waitFor();
    await type('/maas quota');
    await page.locator('article.message.ephemeral', { hasText: 'Quota of data' }).waitFor();
    await type('/maas list all');
    await page.locator('article.message.ephemeral', { hasText: 'Only admins can list' }).waitFor();
    await type('/maas list');
    await page.locator('article.message.ephemeral', { hasText: 'No clusters yet' }).waitFor();
    await screenshot(page, 'walkthrough-9-other-team');
  });
});
