import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { secretValues } from '../../src/config';
import { localDocumentClient } from '../../src/local/dynalite';
import { keys } from '../../src/store/table';
import { requestToDeletion } from '../support/lifecycle';
import { useStack } from '../support/stack';

const getStack = useStack({ printAudit: true });
afterEach(() => vi.restoreAllMocks());

/** Everything the process printed on stdout while `run` ran (the local runtime logs there, as Lambda does). */
async function printedWhile(run: () => Promise<unknown>): Promise<string> {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    chunks.push(String(chunk));
    // Other output (vitest's own) still shows.
    return String(chunk).includes('"audit":true') || write(chunk, ...(rest as []));
  });
  try {
    await run();
  } finally {
    vi.restoreAllMocks();
  }
  return chunks.join('');
}

describe('the audit trail', () => {
  it('prints one marked line per history entry of a full create → delete; the ended record then expires', async () => {
    const stack = getStack();
    const { users } = stack.slack!;
    let id = '';
    const printed = await printedWhile(async () => {
      id = (await requestToDeletion(stack, 'audit-life')).id;
    });
    const lines = printed
      .split('\n')
      .filter((line) => line.includes('"audit":true'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.clusterId === id);

    // The same entries, in the same order, as the record's own history.
    const record = (await stack.deps.store.get(id))!;
    expect(lines.map((line) => [line.action, line.actor, line.fromState, line.toState])).toEqual(
      record.history.map((entry) => [entry.event, entry.by, entry.from, entry.to]),
    );
    const story = lines.map((line) => `${line.action} by ${line.actor}: ${line.fromState} → ${line.toState}`);
    expect(story).toEqual(
      expect.arrayContaining([
        `requested by ${users.requester}: PENDING_APPROVAL → PENDING_APPROVAL`,
        `approved by ${users.approver}: PENDING_APPROVAL → APPROVED`,
        'created by bot: APPROVED → PROVISIONING',
        'running by palette: PROVISIONING → RUNNING',
        `delete-started by ${users.requester}: RUNNING → DELETING`,
        'deleted by palette: DELETING → DELETED',
      ]),
    );
    for (const line of lines)
      expect(line).toMatchObject({
        level: 'INFO',
        message: 'audit',
        audit: true,
        service: 'maas-chatops-local',
        clusterName: 'audit-life',
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
    // Never a secret; never a kubeconfig.
    const text = lines.map((line) => JSON.stringify(line)).join('\n');
    for (const secret of secretValues(stack.deps.config)) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/kubeconfig|apiVersion: v1|certificate-authority/i);

    // Ended: the record expires RECORD_RETENTION_DAYS (365) after its end, through the table's TTL attribute.
    const { Item } = await localDocumentClient(stack.dynamoEndpoint).send(
      new GetCommand({ TableName: stack.deps.config.tableName, Key: { pk: keys.cluster(id) } }),
    );
    expect(Item!.expiresAt).toBe(Math.floor(Date.parse(record.endedAt!) / 1000) + 365 * 86_400);
    expect(Item!.approvalExpiresAt).toBe(record.expiresAt);
  });
});
