import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClusterRecord } from '../../src/domain/cluster';
import { runJob } from '../../src/jobs/worker';
import type { LocalStack } from '../../src/local/stack';
import { KUBECONFIG_ACTION } from '../../src/slack/blocks/kubeconfig';
import { runningNotice } from '../../src/slack/blocks/notices';
import { postInThread } from '../../src/slack/thread';
import { seedCluster } from '../support/day2';
import { teamPalette, useStack } from '../support/stack';

afterEach(() => vi.restoreAllMocks());

/** Everything printed (stdout and stderr: every log line of the local runtime) while `run` ran; shown afterwards. */
async function printedWhile<T>(run: () => Promise<T>): Promise<{ value: T; printed: string }> {
  const chunks: string[] = [];
  for (const stream of [process.stdout, process.stderr])
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      chunks.push(String(chunk));
      return true;
    });
  try {
    return { value: await run(), printed: chunks.join('') };
  } finally {
    vi.restoreAllMocks();
  }
}

/** `/maas TEXT` typed by `user`: the ephemeral answer's text. */
async function maas(stack: LocalStack, user: string, text: string): Promise<string> {
  const result = await stack.slack!.command(user, '/maas', text);
  expect((result.body as { response_type: string }).response_type).toBe('ephemeral');
  return (result.body as { text: string }).text;
}

/** The bot's file messages in `user`'s DM. */
function dmFiles(stack: LocalStack, user: string) {
  const dm = stack.slack!.workspace.channels.find((channel) => channel.isIm && channel.user === user);
  return dm ? stack.slack!.messages(dm.id).filter((message) => message.files?.length) : [];
}

/** Every message outside DMs (channels and threads): where a kubeconfig must never appear. */
function channelTexts(stack: LocalStack): string {
  const dms = new Set(stack.slack!.workspace.channels.filter((channel) => channel.isIm).map((c) => c.id));
  return JSON.stringify(stack.slack!.workspace.messages.filter((message) => !dms.has(message.channel)));
}

/** A fragment of a kubeconfig that nothing but the kubeconfig carries (its CA data line). */
function secretPart(kubeconfig: string): string {
  return kubeconfig
    .split('\n')
    .find((line) => line.includes('certificate-authority-data'))!
    .trim();
}

describe('/maas kubeconfig with dm delivery', () => {
  const stack = useStack();

  it('sends the requester the users’ kubeconfig as a file in a DM, never in a channel or a log', async () => {
    const { logger } = stack().deps;
    // Every line the bot and the WebClient write, down to DEBUG (request bodies included), while it happens.
    logger.setLogLevel('DEBUG');
    const { value: record, printed } = await printedWhile(async () => {
      const seeded = await seedCluster(stack(), { name: 'kc-requester' });
      const { requester } = stack().slack!.users;
      const answer = await maas(stack(), requester, `kubeconfig ${seeded.name}`);
      expect(answer).toContain('is on its way to you in a DM');
      expect(answer).not.toContain('admin');
      await stack().slack!.waitFor(() => dmFiles(stack(), requester).length === 1);
      await stack().idle();
      return seeded;
    }).finally(() => logger.setLogLevel('WARN'));
    const { requester } = stack().slack!.users;
    const [message] = dmFiles(stack(), requester);
    expect(message!.text).toContain('Your kubeconfig of *kc-requester*, issued');
    expect(message!.text).toContain('It is personal');
    expect(message!.files![0]).toMatchObject({ name: 'kc-requester.kubeconfig.yaml' });
    const expected = await teamPalette(stack()).userKubeconfig(record.paletteUid!);
    expect(stack().slack!.fileContent(message!.files![0]!.id)).toBe(expected);
    expect(expected).toContain('--oidc-issuer-url=');

    const secret = secretPart(expected);
    expect(printed).toContain('Kubeconfig sent in a DM.');
    expect(printed).toContain('http request body');
    expect(printed).not.toContain(secret);
    expect(channelTexts(stack())).not.toContain(secret);
    expect(JSON.stringify(stack().slack!.calls())).not.toContain(secret);
    expect(message!.text).not.toContain(secret);

    const saved = (await stack().deps.store.get(record.id))!;
    expect(saved.history.at(-1)).toMatchObject({ event: 'kubeconfig-sent', by: requester });
    expect(JSON.stringify(saved.history)).not.toContain(secret);
    expect(stack().palette!.counters().byOperation.kubeconfigAdmin).toBeUndefined();
  });

  it('an admin clicking "Get kubeconfig" on the Running notice gets the file and, for the admin one, a link', async () => {
    const record = await seedCluster(stack(), { name: 'kc-admin' });
    const { admin } = stack().slack!.users;
    const ts = await postInThread(
      stack().deps,
      record,
      runningNotice(record, stack().deps.config, stack().deps.now()),
    );
    await stack().slack!.click(admin, { channel: record.slack.channel, ts: ts! }, KUBECONFIG_ACTION);
    const answer = await stack().slack!.waitFor(() =>
      stack()
        .slack!.ephemerals(admin)
        .find((message) => message.text.includes('kc-admin')),
    );
    expect(answer.threadTs).toBe(record.slack.threadTs);
    expect(answer.text).toContain('The *admin* kubeconfig is never sent through Slack');
    expect(answer.text).toContain(`/clusters/${record.paletteUid}`);
    await stack().slack!.waitFor(() => dmFiles(stack(), admin).some((m) => m.text.includes('kc-admin')));
    expect(stack().palette!.counters().byOperation.kubeconfigAdmin).toBeUndefined();
  });

  it('refuses someone who is neither requester nor admin, and a cluster that is not running', async () => {
    const record = await seedCluster(stack(), { name: 'kc-outsider' });
    const { outsider, requester } = stack().slack!.users;
    const uploadsBefore = stack().slack!.calls('files.completeUploadExternal').length;
    expect(await maas(stack(), outsider, `kubeconfig ${record.name}`)).toContain(
      'Only the requester or admins can get the kubeconfig of "kc-outsider".',
    );
    const early = await seedCluster(stack(), { name: 'kc-early', state: 'PROVISIONING' });
    expect(await maas(stack(), requester, `kubeconfig ${early.name}`)).toContain('Wait until it is running.');
    await stack().idle();
    expect(stack().slack!.calls('files.completeUploadExternal').length).toBe(uploadsBefore);
    expect(dmFiles(stack(), outsider)).toEqual([]);
  });

  it('sends one file for one request, however many times the job is delivered at once', async () => {
    const record: ClusterRecord = await seedCluster(stack(), { name: 'kc-twice' });
    const { requester } = stack().slack!.users;
    const job = { kind: 'kubeconfig', clusterId: record.id, userId: requester, requestId: 'T-once' } as const;
    const before = dmFiles(stack(), requester).length;
    await Promise.all([runJob(job, stack().deps), runJob(job, stack().deps), runJob(job, stack().deps)]);
    expect(dmFiles(stack(), requester).length).toBe(before + 1);
    const saved = (await stack().deps.store.get(record.id))!;
    expect(saved.history.filter((entry) => entry.event === 'kubeconfig-sent')).toHaveLength(1);
  });
});

describe('/maas kubeconfig with KUBECONFIG_DELIVERY=link', () => {
  const stack = useStack({ env: { KUBECONFIG_DELIVERY: 'link' } });

  it('answers everyone allowed with the link to Palette and sends no file', async () => {
    const record = await seedCluster(stack(), { name: 'kc-link' });
    const { requester, admin } = stack().slack!.users;
    const answer = await maas(stack(), requester, `kubeconfig ${record.name}`);
    expect(answer).toContain('this workspace does not send kubeconfig files through Slack');
    expect(answer).toContain(`/clusters/${record.paletteUid}`);
    expect(await maas(stack(), admin, `kubeconfig ${record.name}`)).toContain(
      'The *admin* kubeconfig is never sent through Slack',
    );
    await stack().idle();
    expect(stack().slack!.calls('files.getUploadURLExternal')).toEqual([]);
    expect(stack().palette!.counters().byOperation.kubeconfigUser).toBeUndefined();
  });
});
