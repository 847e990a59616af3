import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlaygroundPage } from '../../src/local/slack/page';
import type { LocalStack } from '../../src/local/stack';
import { startTestStack } from '../support/stack';
import { until } from '../support/wait';
import { BROWSER_TEST_MS, type Browser, browserSkipReason, launchBrowser, screenshot } from './support';

const NAME = 'web-01';

/**
 * The playground walkthrough in a real browser against the whole bot (wizard, approvals, provisioning, day 2):
 * a requester creates a cluster through the modal, an approver approves it, the thread follows it to Running,
 * the requester deletes it by typing its name, the deletion sticks (tag sim.sticky-delete) and, once the short
 * force-delete window has passed, the admin force-deletes it from the notice in the thread.
 */
describe.skipIf(browserSkipReason)('the playground walkthrough', { timeout: BROWSER_TEST_MS }, () => {
  let stack: LocalStack;
  let browser: Browser;
  let page: Page;

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
    const playground = await createPlaygroundPage();
    stack = await startTestStack({
      extendSlack: playground.mount,
      simulateMaas: true,
      // Fast enough to keep the file short, slow enough that the thread shows provisioning before Running.
      paletteSimulator: { speed: 40 },
      forceDeleteAfterSeconds: 2,
    });
    playground.attach(stack.slack!);
    browser = await launchBrowser();
    page = browser.page;
    await page.goto(`${stack.slack!.url}/?as=requester`);
    await page.locator('#live-status', { hasText: 'Live' }).waitFor();
  }, BROWSER_TEST_MS);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
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
    await thread().getByText('Approved by').waitFor();
    await thread()
      .locator('article', { hasText: `${NAME} is running` })
      .last()
      .waitFor();
    const status = thread().locator('article', { hasText: 'Running —' });
    await expect(status.locator('.section-text').allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining('1/1 nodes ready')]),
    );
    await screenshot(page, 'walkthrough-3-running');
    await expect(record()).resolves.toMatchObject({ state: 'RUNNING' });
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
    await screenshot(page, 'walkthrough-4-delete');
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
    await screenshot(page, 'walkthrough-5-force-delete-notice');
    await forceDelete.click();
    const dialog = page.getByRole('alertdialog', { name: 'Force delete?' });
    await dialog.getByRole('button', { name: 'Force delete' }).click();
    await until('the record in DELETED', async () =>
      (await record())?.state === 'DELETED' ? true : undefined,
    );
    expect((await record())?.forceDeleteBy).toBe(stack.slack!.users.admin);
    await screenshot(page, 'walkthrough-6-deleted');
  });
});
