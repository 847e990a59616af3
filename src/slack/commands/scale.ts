import { checkQuota } from '../../domain/quota';
import { checkResize } from '../../domain/resize';
import { escapeText, truncate } from '../../domain/text';
import { teamUsage } from '../../teams/quota';
import { noticeAnswer } from '../blocks/answers';
import { scaleAcceptedAnswer, scaleUnchangedAnswer } from '../blocks/scale';
import { quotaRefusalAnswer } from '../blocks/teams';
import { checkClusterAction } from './guard';
import type { CommandHandler } from './types';

/**
 * `/maas scale NAME POOL SIZE`: policy decides (a running cluster, by its requester or an admin of its team); the
 * pool and the size are checked against the spec, and a pool that grows against the team's quota (with the
 * numbers), before anything is sent; then the `scale` job admits the nodes in the team's ledger and PUTs the
 * whole pool.
 */
export const scale: CommandHandler<'scale'> = async (command, context) => {
  const checked = await checkClusterAction('scale', command.name, context);
  if (!checked.ok) return checked.answer;
  const { record, actor, scope } = checked;
  const resize = checkResize(record.spec, command.pool, command.size);
  if (!resize.ok)
    return noticeAnswer(
      `:no_entry: Cannot resize \`${escapeText(truncate(command.pool, 63))}\` to ${command.size}: ${escapeText(resize.message)}`,
    );
  const facts = { name: record.name, pool: command.pool, to: command.size };
  if (resize.from === command.size) return scaleUnchangedAnswer(facts);
  if (command.size > resize.from) {
    const ask = { kind: 'resize', pool: command.pool, from: resize.from, to: command.size } as const;
    const quota = checkQuota(scope.team, await teamUsage(context.deps, record.team), ask, 'scale');
    if (!quota.ok) return quotaRefusalAnswer(scope.team, quota);
  }
  await context.deps.jobs.dispatch({
    kind: 'scale',
    clusterId: record.id,
    pool: command.pool,
    size: command.size,
    by: actor.userId,
  });
  return scaleAcceptedAnswer({ ...facts, from: resize.from });
};
