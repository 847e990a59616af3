import { ulid } from 'ulid';
import { approvalExpiresAt } from '../../../src/domain/policy';
import { IMPLICIT_TEAM } from '../../../src/domain/team';
import type { LocalStack } from '../../../src/local/stack';
import { catalogSpec, type Submitted } from '../../integration/approvals.support';

/**
 * Stores `names.length` requests as the wizard's final submit does (one catalogue read for all), runs their
 * `review` jobs together and waits for them: each has its card and its thread.
 */
export async function submitMany(stack: LocalStack, names: readonly string[]): Promise<Submitted[]> {
  const { deps } = stack;
  const slack = stack.slack!;
  const spec = await catalogSpec(stack);
  const requestedAt = deps.now().toISOString();
  const created = await Promise.all(
    names.map((name) =>
      deps.store.create({
        team: IMPLICIT_TEAM,
        id: ulid(),
        name,
        spec: { ...spec, name },
        requester: slack.users.requester,
        requestedAt,
        expiresAt: approvalExpiresAt(requestedAt, deps.config.policy),
        slack: { channel: slack.channels.requests },
      }),
    ),
  );
  for (const record of created) await deps.jobs.dispatch({ kind: 'review', clusterId: record.id });
  await stack.idle();
  return Promise.all(
    created.map(async ({ id }) => {
      const record = (await deps.store.get(id))!;
      const { approvalChannel, approvalTs, channel, threadTs } = record.slack;
      if (!approvalChannel || !approvalTs || !threadTs)
        throw new Error(`The review of ${record.name} did not post.`);
      return {
        record,
        card: { channel: approvalChannel, ts: approvalTs },
        thread: { channel, ts: threadTs },
      };
    }),
  );
}
