import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_TIME_LIMITS, type SlackEmulator, startSlackEmulator } from '../../src/local/slack/emulator';
import { createPlaygroundPage } from '../../src/local/slack/page';
import { until } from '../support/wait';
import { type GalleryBot, startGalleryBot } from './gallery-bot';
import { BROWSER_TEST_MS, type Browser, browserSkipReason, launchBrowser, screenshot } from './support';

const TOKEN = 'xoxb-gallery-test-token';
type Payload = Record<string, unknown>;

/**
 * The Slack workspace page against a stand-in bot that uses every Block Kit element once: what the page draws,
 * and what it sends back (through the emulator, signed, exactly as Slack would).
 */
describe.skipIf(browserSkipReason)('the Slack workspace page', { timeout: BROWSER_TEST_MS }, () => {
  let slack: SlackEmulator;
  let bot: GalleryBot;
  let browser: Browser;
  let page: Page;

  const received = (type: string, test: (payload: Payload) => boolean = () => true) =>
    bot.received.filter((payload) => payload.type === type && test(payload));
  const actionsOf = (actionId: string) =>
    received('block_actions', (payload) => (payload.actions as Payload[])[0]?.action_id === actionId);
  const type = async (line: string) => {
    await page.getByRole('textbox', { name: /^Message/ }).fill(line);
    await page.keyboard.press('Enter');
  };
  const modal = () => page.locator('form.modal');

  beforeAll(async () => {
    const playground = await createPlaygroundPage();
    slack = await startSlackEmulator({
      signingSecret: 'gallery-signing-secret',
      botToken: TOKEN,
      extend: playground.mount,
      // The stand-in bot shares the machine with chromium: Slack's 3 s would fail the page for the machine.
      timeLimits: NO_TIME_LIMITS,
    });
    playground.attach(slack);
    bot = await startGalleryBot(slack, TOKEN);
    browser = await launchBrowser();
    page = browser.page;
    await page.goto(`${slack.url}/?as=requester`);
    await page.locator('#live-status', { hasText: 'Live' }).waitFor();
  }, BROWSER_TEST_MS);
  afterAll(async () => {
    await browser?.close();
    await bot?.close();
    await slack?.close();
  });

  it('draws mrkdwn: formatting, links, mentions by name, and escaped text as text, never as markup', async () => {
    await type('/maas messages');
    const message = page.locator('article.message:not(.ephemeral)').filter({ hasText: 'Approve' });
    await message.waitFor();
    await expect(message.locator('strong').first().textContent()).resolves.toBe('Bold');
    await expect(message.locator('em').first().textContent()).resolves.toBe('italic');
    await expect(message.locator('s').textContent()).resolves.toBe('gone');
    await expect(message.locator('.section-text code').textContent()).resolves.toBe('code');
    await expect(message.getByRole('link', { name: 'the docs' }).getAttribute('href')).resolves.toBe(
      'https://example.test/docs',
    );
    await expect(message.locator('.mention').textContent()).resolves.toBe('@Priya Nair');
    await expect(message.locator('.section-text').textContent()).resolves.toContain(
      '<b>not bold</b> &amp; ✅',
    );
    expect(await message.locator('b').count()).toBe(0);

    const ephemeral = page.locator('article.message.ephemeral');
    await expect(ephemeral.textContent()).resolves.toContain('Only visible to you');
    await expect(ephemeral.locator('strong').textContent()).resolves.toBe('posted');
  });

  it('asks the confirm dialog first: Cancel sends nothing, confirming sends the click; the reply opens in the thread', async () => {
    const approve = page.getByRole('button', { name: 'Approve' });
    await approve.click();
    const dialog = page.getByRole('alertdialog', { name: 'Approve web-01?' });
    await expect(dialog.textContent()).resolves.toContain('It will be created in Palette.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });

    await approve.click();
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('button', { name: '1 reply' }).click();
    const thread = page.getByRole('complementary', { name: 'Thread' });
    await thread.getByText('Approved by @Riley Chen').waitFor();
    expect(actionsOf('approve')).toHaveLength(1);
    await thread.getByRole('button', { name: 'Close thread' }).click();
  });

  it('draws every element of a modal, keeps what was typed across updates, shows field errors and walks the view stack', async () => {
    await type('/maas gallery');
    await modal().getByRole('heading', { name: 'Block Kit gallery' }).waitFor();
    await expect(modal().locator('.block-header').textContent()).resolves.toBe('Everything the bot draws');
    await expect(modal().locator('.fields').textContent()).resolves.toContain('Nodes');

    await page.getByLabel('Name', { exact: true }).fill('Bad Name');
    await page.getByLabel('Description', { exact: true }).fill('line one\nline two');
    await page.getByLabel('Size', { exact: true }).selectOption('3');
    await page.getByLabel('Cluster profile', { exact: true }).fill('ed');
    await page.getByRole('option', { name: 'edge-k8s' }).click();
    await page.getByLabel('Availability zones', { exact: true }).selectOption('az1');
    await page.getByLabel('Availability zones', { exact: true }).selectOption('az2');
    await page.getByLabel('Labels', { exact: true }).focus();
    await page.getByRole('option', { name: 'env:dev' }).click();
    await page.getByLabel('Yes, run workloads', { exact: true }).check();
    await page.getByLabel('Contract first', { exact: true }).check();
    await page.getByLabel('Disk size', { exact: true }).fill('80');

    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Refresh' }).click();
    await until('the overflow choice at the bot', () => (actionsOf('more').length > 0 ? true : undefined));
    expect(actionsOf('more')).toHaveLength(1);
    expect((actionsOf('more')[0]!.actions as Payload[])[0]!.selected_option).toMatchObject({
      value: 'refresh',
    });

    await page.getByRole('button', { name: 'Remove pool' }).click();
    await page
      .getByRole('alertdialog', { name: 'Remove the pool?' })
      .getByRole('button', { name: 'Keep it' })
      .click();

    // The bot updates the view: what the person typed stays, as Slack keeps it for unchanged block/action ids.
    await page.getByRole('button', { name: 'Add pool' }).click();
    await modal().getByText('Pool workers-2 added').waitFor();
    await expect(page.getByLabel('Name', { exact: true }).inputValue()).resolves.toBe('Bad Name');
    await expect(page.getByLabel('Size', { exact: true }).inputValue()).resolves.toBe('3');
    await expect(modal().locator('.chip').allTextContents()).resolves.toEqual(['az1×', 'az2×', 'env:dev×']);
    await screenshot(page, 'page-gallery-modal');

    await modal().getByRole('button', { name: 'Save' }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'Lowercase letters' }).textContent(),
    ).resolves.toBe('Lowercase letters, digits and "-" only.');
    await page.getByLabel('Name', { exact: true }).fill('good-name');
    await modal().getByRole('button', { name: 'Save' }).click();

    await modal().getByRole('heading', { name: 'Why?' }).waitFor();
    await expect(modal().locator('.stack-depth').textContent()).resolves.toBe('2 views');
    await modal().getByRole('button', { name: 'Next' }).click();
    await modal().getByText('Please complete this required field.').waitFor();
    await page.getByLabel('Reason', { exact: true }).fill('a demo');
    await modal().getByRole('button', { name: 'Next' }).click();
    await modal().getByRole('heading', { name: 'All set' }).waitFor();
    await modal().getByRole('button', { name: 'Finish' }).click();
    await modal().waitFor({ state: 'detached' });

    const saved = received(
      'view_submission',
      (payload) => (payload.view as Payload).callback_id === 'gallery',
    );
    const values = ((saved.at(-1)!.view as Payload).state as Payload).values as Record<
      string,
      Record<string, Payload>
    >;
    const options = (state: Payload | undefined) =>
      ((state?.selected_options ?? []) as Payload[]).map((o) => o.value);
    expect(values.name?.value?.value).toBe('good-name');
    expect(values.notes?.value?.value).toBe('line one\nline two');
    expect(values.size?.value?.selected_option).toMatchObject({ value: '3' });
    expect(values.profile?.profile?.selected_option).toMatchObject({ value: 'edge-k8s' });
    expect(options(values.zones?.value)).toEqual(['az1', 'az2']);
    expect(options(values.labels?.labels)).toEqual(['env:dev']);
    expect(options(values.worker?.value)).toEqual(['yes']);
    expect(values.rolling?.value?.selected_option).toMatchObject({ value: 'contract' });
    expect(values.disk?.value?.value).toBe('80');
    expect(actionsOf('remove-pool')).toHaveLength(0);
  });

  it('tells the bot when a person closes a modal that asked for it (view_closed)', async () => {
    await type('/maas gallery');
    await modal().getByRole('button', { name: 'Cancel' }).click();
    await modal().waitFor({ state: 'detached' });
    await until('view_closed at the bot', () => (received('view_closed').length > 0 ? true : undefined));
    expect(received('view_closed')).toHaveLength(1);
  });

  it('switches people: the role and groups show, and what only the other person saw is gone', async () => {
    await page.getByLabel('Acting as', { exact: true }).selectOption({ label: 'Priya Nair (approver)' });
    await page.locator('#who-detail', { hasText: '@cluster-approvers' }).waitFor();
    await page.locator('article.message', { hasText: 'Approve' }).waitFor();
    expect(await page.locator('article.message.ephemeral').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('as')).toBe('approver');
  });

  it('opens App Home: the bot hears app_home_opened and the tab shows what it published', async () => {
    await page.getByRole('link', { name: 'maas' }).click();
    await page.getByText('Welcome @Priya Nair: nothing yet.').waitFor();
    expect(
      received('event_callback', (payload) => (payload.event as Payload).type === 'app_home_opened'),
    ).toHaveLength(1);
    await page.getByRole('tab', { name: 'Messages' }).click();
    await page.getByRole('textbox', { name: 'Message maas — try /maas help' }).waitFor();
  });

  it('refuses a command the workspace does not know, on the page', async () => {
    await page.getByRole('link', { name: '# platform-requests' }).click();
    await type('/deploy web-01');
    await page.getByRole('alert').filter({ hasText: '/deploy is not a valid command.' }).waitFor();
  });
});
