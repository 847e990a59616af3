import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runJob } from '../../src/jobs/worker';
import { keepConversations } from '../../src/local/slack/page/saved-workspace';
import type { LocalStack } from '../../src/local/stack';
import { movableClock } from '../support/clock';
import { recordReaches, recordWhen, seedCluster, threadTexts } from '../support/day2';
import { startTestStack } from '../support/stack';

const running: { stack: LocalStack; conversations: { close(): void } }[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const { stack, conversations } of running.splice(0).reverse()) {
    await stack.close();
    conversations.close();
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Time runs as usual and jumps when the test says, shared by both runs of the bot. */
const clock = movableClock();

async function start(dataDir: string, palettePort?: number): Promise<LocalStack> {
  const stack = await startTestStack({
    dataDir,
    now: clock.now,
    env: { LEASE_REMINDERS: '5m' },
    paletteSimulator: { speed: 200, ...(palettePort ? { port: palettePort } : {}) },
  });
  // The workspace's conversations are kept in the data directory too, as `npm start` keeps them.
  const conversations = keepConversations(stack.slack!, join(dataDir, 'slack-workspace.json'));
  running.push({ stack, conversations });
  return stack;
}

async function stop(stack: LocalStack): Promise<void> {
  const [entry] = running.splice(
    running.findIndex((candidate) => candidate.stack === stack),
    1,
  );
  await entry!.stack.close();
  entry!.conversations.close();
}

describe('a lease ending across a restart of the worker', () => {
  it('sends exactly one Palette DELETE without force: duplicate firings before and after the restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'maas-chatops-lease-'));
    dirs.push(dataDir);
    const first = await start(dataDir);
    const seeded = await seedCluster(first, { name: 'lease-restart' });
    // A 10-minute lease, as the wizard records it; the poll of a running cluster starts it (and arms its schedule).
    await first.deps.store.apply(seeded, {
      event: 'note',
      by: 'test',
      at: first.deps.now().toISOString(),
      set: { lease: { requested: 600 } },
    });
    await runJob({ kind: 'poll', clusterId: seeded.id }, first.deps);
    const leased = await recordWhen(
      first,
      seeded.id,
      (r) => r.lease?.endsAt !== undefined,
      'a started lease',
    );

    // The end comes: the scheduler fires, and so does a duplicate, concurrently.
    clock.skip(Date.parse(leased.lease!.endsAt!) - clock.now().getTime());
    await Promise.all([
      runJob({ kind: 'lease', clusterId: seeded.id }, first.deps),
      runJob({ kind: 'lease', clusterId: seeded.id }, first.deps),
    ]);
    await recordReaches(first, seeded.id, 'DELETING');
    await first.idle();
    const firstDeletes = first.palette!.counters().byOperation;
    const palettePort = Number(new URL(first.palette!.url).port);
    await stop(first);

    // The restarted worker gets the firing again (at least once): nothing more is sent or said.
    const again = await start(dataDir, palettePort);
    await runJob({ kind: 'lease', clusterId: seeded.id }, again.deps);
    await runJob({ kind: 'reconcile' }, again.deps);
    const deleted = await recordReaches(again, seeded.id, 'DELETED');
    await again.idle();
    const deletes = (firstDeletes.delete ?? 0) + (again.palette!.counters().byOperation.delete ?? 0);
    const forced = (firstDeletes.forceDelete ?? 0) + (again.palette!.counters().byOperation.forceDelete ?? 0);
    expect([deletes, forced]).toEqual([1, 0]);
    expect(deleted.history.filter((entry) => entry.event === 'delete-started')).toHaveLength(1);
    expect(threadTexts(again, deleted).filter((text) => text.includes('has ended'))).toHaveLength(1);
  });
});
