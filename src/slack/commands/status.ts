import { matchPools } from '../../clusters/progress';
import { isTerminal } from '../../domain/lifecycle';
import { clusterNameProblem } from '../../domain/spec';
import { scopeOfChannel } from '../../teams/scope';
import { clusterStatusAnswer, type LiveStatus, paletteOnlyStatusAnswer } from '../blocks/cluster-status';
import { readWithinBudget } from '../budget';
import { checkClusterAction } from './guard';
import type { CommandHandler } from './types';

/** Events shown by `/maas status`. */
const EVENTS_SHOWN = 5;

/**
 * `/maas status NAME`: pools, nodes ready/desired, health, age, requester, approvers, last events and history.
 * Palette (the cluster's project) is read inside the listener with a short budget; when it is slow the answer
 * shows what the bot last saw and says so. A name only Palette knows — in the channel's team's project — gets
 * Palette's summary.
 */
export const status: CommandHandler<'status'> = async (command, context) => {
  const { deps } = context;
  const checked = await checkClusterAction('status', command.name, context);
  if (!checked.ok) {
    const channelScope = scopeOfChannel(deps, context.slash.channel_id);
    if (clusterNameProblem(command.name) || !channelScope) return checked.answer;
    const found = await readWithinBudget(() => channelScope.palette.findClusterByName(command.name));
    return found.ok && found.value
      ? paletteOnlyStatusAnswer(found.value, deps.config, deps.now(), channelScope.team.paletteProjectUid)
      : checked.answer;
  }
  const { record, scope } = checked;
  const base = { record, config: deps.config, now: deps.now() };
  const uid = record.paletteUid;
  if (!uid || isTerminal(record.state)) return clusterStatusAnswer(base);
  const read = await readWithinBudget(async (): Promise<LiveStatus> => {
    const [info, overview, events, backups, scans, osPatch] = await Promise.all([
      scope.palette.getCluster(uid),
      scope.palette.clusterOverview(uid),
      scope.palette.clusterEvents(uid, EVENTS_SHOWN),
      scope.palette.clusterBackups(uid),
      scope.palette.scanSchedules(uid),
      scope.palette.osPatch(uid),
    ]);
    return {
      paletteState: info?.state ?? 'NotFound',
      ...(overview?.health ? { health: overview.health } : {}),
      ...(overview ? { pools: matchPools(record.spec, overview.pools) } : {}),
      events: [...events].reverse(),
      day2: {
        ...(backups.policy ? { backup: backups.policy } : {}),
        ...(scans ? { scans } : {}),
        ...(osPatch ? { osPatch } : {}),
      },
    };
  });
  return clusterStatusAnswer(
    read.ok ? { ...base, live: read.value } : { ...base, paletteProblem: read.problem },
  );
};
