import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { localDocumentClient } from '../../src/local/dynalite';
import type { PageState } from '../../src/local/slack/page/state';
import { DynamoClusterStore } from '../../src/store/dynamo';
import { until } from '../support/wait';
import { childTestTimeout, type PlaygroundProcess, runPlayground } from './playground.support';

/** `npm start` end to end: it prints where things run, serves them, stops on SIGTERM, and keeps its data. */
describe('npm start (src/local/main.ts)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'maas-chatops-playground-'));
  let running: PlaygroundProcess | undefined;
  afterAll(async () => {
    await running?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Starts it on DATA_DIR and reads the URLs it printed (the page first). */
  const start = async (args: string[] = []) => {
    await running?.stop();
    running = runPlayground({ DATA_DIR: dataDir }, args);
    const [, page] = await running.printed(/Slack workspace\s+(http:\/\/\S+?)\/\s/);
    const [, health] = await running.printed(/Health\s+(http:\/\/\S+)/);
    const [, dynamo] = await running.printed(/DynamoDB\s+dynalite at (http:\/\/\S+),/);
    const store = new DynamoClusterStore(localDocumentClient(dynamo!), 'maas-chatops', () => new Date());
    return { page: page!, health: health!, store, output: running.stdout() };
  };
  const stop = async () => {
    const code = await running!.stop();
    const printed = running!.stdout();
    running = undefined;
    return { code, printed };
  };
  const state = async (page: string, user: string) =>
    (await (await request(`${page}/page/state?user=${user}`)).body.json()) as PageState;

  it(
    'starts everything, prints what runs where (the page first), and stops cleanly on SIGTERM',
    async () => {
      const { page, health, store, output } = await start(['--fresh']);
      expect(output.indexOf('Slack workspace')).toBeLessThan(output.indexOf('Bot '));
      expect(output).toContain('Palette           simulator');
      expect(output).toContain('MAAS              simulator');
      // The example teams file: two teams, each in its own project of the simulator.
      expect(output).toMatch(
        /Teams {13}platform \(project 6650a1b2c3d4e5f6a7b8c9d0, quota 3 clusters, 20 nodes\); data \(project 6650a1b2c3d4e5f6a7b8c9e1, quota 2 clusters, 8 nodes\)/,
      );
      expect(output).not.toMatch(/xoxb-|local-[0-9a-f]{24}/);

      const healthz = await request(health);
      expect([healthz.statusCode, await healthz.body.json()]).toEqual([200, { ok: true }]);
      const html = await request(`${page}/`);
      expect(html.statusCode).toBe(200);
      expect(await html.body.text()).toContain('<title>MAAS Playground');

      // Data in both stores: a DynamoDB item, and the requester's DM with the bot plus App Home in the workspace.
      expect(await store.claimOnce('playground-smoke', 3_600)).toBe(true);
      const opened = await request(`${page}/page/home`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'U0REQUESTER' }),
      });
      expect(opened.statusCode).toBe(200);
      await opened.body.dump();
      // Published by the bot's listener: there once it has run (Slack's 3-second window may have passed before).
      await until('the App Home published', async () => (await state(page, 'requester')).home);

      // The metrics so far, on demand on the page's server, and summed up again when it stops.
      const metrics = await request(`${page}/metrics`);
      expect(await metrics.body.text()).toMatch(/SlackRequests\s+kind=event outcome=ok\s+1\n/);
      const stopped = await stop();
      expect(stopped).toMatchObject({ code: 0, printed: expect.stringContaining('Stopped.') });
      const summary = stopped.printed.slice(
        stopped.printed.indexOf('Metrics (namespace maas-chatops/local):'),
      );
      expect(summary).toMatch(/SlackRequests\s+kind=event outcome=ok\s+1\n/);
      expect(summary).toMatch(/Jobs\s+kind=home outcome=ok\s+1\n/);
      expect(summary).toMatch(/SlackAckLatency\s+kind=event\s+n 1, p50 [\d.]+ ms/);
    },
    childTestTimeout(1),
  );

  it(
    'keeps the data on the same DATA_DIR after a restart',
    async () => {
      const { page, store } = await start();
      expect(await store.claimOnce('playground-smoke', 3_600)).toBe(false);
      const kept = await state(page, 'requester');
      expect(kept.channels.filter((channel) => channel.isIm)).toHaveLength(1);
      expect(kept.home?.view.type).toBe('home');
      expect((await stop()).code).toBe(0);
    },
    childTestTimeout(1),
  );

  it(
    'starts empty with --fresh',
    async () => {
      const { page, store } = await start(['--fresh']);
      expect(await store.claimOnce('playground-smoke', 3_600)).toBe(true);
      const fresh = await state(page, 'requester');
      expect(fresh.channels.filter((channel) => channel.isIm)).toEqual([]);
      expect(fresh.home).toBeUndefined();
      expect((await stop()).code).toBe(0);
    },
    childTestTimeout(1),
  );
});
