import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runJob } from '../../src/jobs/worker';
import { keepConversations } from '../../src/local/slack/page/saved-workspace';
import type { LocalStack } from '../../src/local/stack';
import { recordConsoleLink } from '../../src/slack/blocks/cluster-facts';
import { recordReaches, seedCluster, threadTexts } from '../support/day2';
import { startTestStack, type TestStackOptions } from '../support/stack';

/** Stacks (and their kept conversations) started by a test, closed after it whatever happens. */
const running: { stack: LocalStack; conversations?: { close(): void } }[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const { stack, conversations } of running.splice(0).reverse()) {
    await stack.close();
    conversations?.close();
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The whole bot on `dataDir` with its workspace's conversations kept there too, as `npm start` runs it. */
async function start(dataDir: string, options: TestStackOptions = {}) {
  const stack = await startTestStack({ dataDir, ...options });
  const conversations = keepConversations(stack.slack!, join(dataDir, 'slack-workspace.json'));
  running.push({ stack, conversations });
  return stack;
}

/** Stops a stack started by `start` (its conversations written), as Ctrl-C does. */
async function stop(stack: LocalStack) {
  const index = running.findIndex((entry) => entry.stack === stack);
  const [entry] = running.splice(index, 1);
  await entry!.stack.close();
  entry!.conversations?.close();
}

const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'maas-chatops-restart-'));
  dirs.push(dir);
  return dir;
};

/** The texts (and blocks) of every bot message in a cluster's channel and thread. */
const everything = (stack: LocalStack, channel: string) =>
  JSON.stringify(stack.slack!.workspace.messages.filter((message) => message.channel === channel));

describe('a restart of the playground', () => {
  it('keeps a Running cluster Running, in Palette and in the thread, and its Palette link working', async () => {
    const dataDir = freshDir();
    const first = await start(dataDir);
    const record = await seedCluster(first, { name: 'survives-restart' });
    const link = recordConsoleLink(first.deps.config, record)!;
    expect((await fetch(link)).status).toBe(200);
    const palettePort = new URL(first.palette!.url).port;
    await stop(first);

    // Same DATA_DIR, the simulator on the same port (npm start derives it from PORT).
    const again = await start(dataDir, { paletteSimulator: { speed: 200, port: Number(palettePort) } });
    expect(again.palette!.url).toBe(new URL(link).origin);
    expect(again.palette!.clusters().find((cluster) => cluster.uid === record.paletteUid)?.state).toBe(
      'Running',
    );
    // The reconciler looks at every active cluster after a restart: nothing changed, so nothing is said.
    await runJob({ kind: 'reconcile' }, again.deps);
    await again.idle();
    expect((await again.deps.store.get(record.id))!.state).toBe('RUNNING');
    expect(threadTexts(again, record).join('\n')).not.toMatch(/deleted|no longer knows/);
    // The link people were given still opens the cluster's page.
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<span class="state">Running</span>');
  });
});

describe('a cluster removed outside the bot', () => {
  it('is announced with the reason, and status, thread and /maas status agree', async () => {
    const stack = await start(freshDir());
    const { users } = stack.slack!;
    const record = await seedCluster(stack, { name: 'vanishes' });
    // What the provisioning poll last read stays on the record (this is what /maas status showed as "Palette: Running").
    await stack.deps.store.saveProgress(record, {
      paletteState: 'Running',
      health: 'Healthy',
      pools: [
        { name: 'control-plane-pool', ready: 1, desired: 1 },
        { name: 'worker-pool', ready: 2, desired: 2 },
      ],
      seenEventUids: [],
    });
    // Palette no longer lists it and answers 404 when the bot looks again (deleted and purged in its console, or —
    // as in the playground before its simulator kept its state — a Palette that lost it): the sweep's page of the
    // cluster search comes back without it, so the sweep reads it on its own.
    stack.palette!.injectOnce('POST', '/v1/dashboard/spectroclusters/search', {
      status: 200,
      body: { items: [], listmeta: { continue: '', count: 0, limit: 50, offset: 0 } },
    });
    stack.palette!.injectOnce('GET', '/v1/spectroclusters/:uid', {
      status: 404,
      body: { code: 'ResourceNotFound', message: 'SpectroCluster not found' },
    });
    await runJob({ kind: 'reconcile' }, stack.deps);
    const ended = await recordReaches(stack, record.id, 'DELETED');
    expect(ended.goneFromPaletteAt).toBeDefined();
    const notice = await stack.slack!.waitFor(() =>
      stack
        .slack!.messages(record.slack.channel, { threadTs: record.slack.threadTs! })
        .find((message) => message.text.includes('no longer knows')),
    );
    expect(notice.text).toBe(
      `:warning: <@${users.requester}> Palette no longer knows this cluster: deleted outside the bot? I stopped following *vanishes*; the name is free again. If it should still exist, look for it in Palette.`,
    );
    expect(notice.replyBroadcast).toBe(true);
    await stack.idle();
    const shown = everything(stack, record.slack.channel);
    expect(shown).not.toContain('*vanishes* is deleted');

    const { statusTs } = (await stack.deps.store.get(record.id))!.slack;
    const status = JSON.stringify(
      stack
        .slack!.messages(record.slack.channel, { threadTs: record.slack.threadTs! })
        .find((message) => message.ts === statusTs)!.blocks,
    );
    expect(status).toContain(':black_circle: Deleted');
    expect(status).toContain('Palette no longer knows this cluster: deleted outside the bot?');
    expect(status).not.toContain('Every machine is released');
    expect(status).not.toContain('Palette: Running');

    const answer = await stack.slack!.command(users.outsider, '/maas', 'status vanishes');
    const text = JSON.stringify(answer.body);
    expect(text).toContain(':black_circle: Deleted');
    expect(text).not.toContain('Palette: Running');
    expect(text).not.toContain('nodes ready');
    expect(text).toContain('Palette no longer knows it (404): deleted outside the bot?');
  });
});
