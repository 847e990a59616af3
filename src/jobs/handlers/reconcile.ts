import type { ClusterRecord } from '../../domain/cluster';
import { type LifecycleState, stateFromPalette } from '../../domain/lifecycle';
import { leaseRecovery } from '../../leases/sweep';
import { ConflictError } from '../../store/port';
import { scopeOfRecord } from '../../teams/scope';
import { rearmDay2 } from '../day2-rearm';
import type { JobHandler } from '../handler';
import type { Job } from '../job';
import { applyPaletteState } from '../observe';
import { forEachBounded, pacer } from '../pace';
import { auditQuotaLedgers } from '../quota-audit';
import { watchAllRunning } from '../watch-running';

/** How the sweep is paced; the defaults keep 1,000 active clusters well inside a minute and Palette's limits. */
export interface ReconcileOptions {
  /** Records read per page of the active index. */
  pageSize?: number;
  /** Records handled at once. */
  concurrency?: number;
  /** Palette reads per second: under the 50 rps of /v1/spectroclusters, leaving room for the bot's own calls. */
  paletteReadsPerSecond?: number;
  /** A new request without its approval card or thread this long lost its review job. */
  reviewStaleSeconds?: number;
  /** An APPROVED record untouched this long lost its create job. */
  approvedStaleSeconds?: number;
  /** Stop starting work after this long, so a slow Palette never runs the sweep past the worker's timeout. */
  budgetMs?: number;
  /**
   * A deleting record whose cluster Palette still reports up this long after the delete started lost its delete
   * (Palette flips to Deleting within seconds): the delete is sent again, at most once per this window.
   */
  deleteResendSeconds?: number;
  /** A quota ledger entry or record still this long is audited (an approval or a resize in flight is not). */
  quotaGraceSeconds?: number;
}

/** What a sweep did, for its log line. */
interface SweepTally {
  checked: number;
  observed: number;
  dispatched: number;
  failed: number;
  unfinished: boolean;
  /** Quota ledger entries put right (after a sweep that walked every active record). */
  quotaCorrected?: number;
}

/**
 * The reconciler: walks the active index page by page (never a Scan) and, for each record, re-dispatches work
 * that is stuck (an expired request, a lost create, a poll chain that stopped) and brings the record in line
 * with Palette — in the cluster's own project — when the cluster was changed or deleted outside the bot. Each
 * re-dispatch is claimed once per record version and staleness window, so a job that keeps failing is retried at
 * that pace, not every minute. A sweep that walked every record then audits the teams' quota ledgers.
 */
export function createReconciler(options: ReconcileOptions = {}): JobHandler<'reconcile'> {
  const pageSize = options.pageSize ?? 100;
  const concurrency = options.concurrency ?? 8;
  const approvedStaleSeconds = options.approvedStaleSeconds ?? 300;
  const reviewStaleSeconds = options.reviewStaleSeconds ?? 120;
  const budgetMs = options.budgetMs ?? 45_000;
  const deleteResendSeconds = options.deleteResendSeconds ?? 300;
  const quotaGraceSeconds = options.quotaGraceSeconds ?? 600;

  return async (_job, deps) => {
    const started = Date.now();
    const paceRead = pacer(options.paletteReadsPerSecond ?? 40);
    const tally: SweepTally = { checked: 0, observed: 0, dispatched: 0, failed: 0, unfinished: false };
    const overBudget = () => Date.now() - started > budgetMs;
    const pollStaleSeconds = 2 * deps.config.pollIntervalSeconds;

    /** Dispatches `job` for `record` unless this sweep (or a recent one) already re-dispatched it. */
    const redispatch = async (record: ClusterRecord, job: Job, windowSeconds: number) => {
      const claim = `reconcile:${job.kind}:${record.id}:${record.version}`;
      if (!(await deps.store.claimOnce(claim, windowSeconds))) return;
      await deps.jobs.dispatch(job);
      tally.dispatched++;
    };

    /**
     * Reads Palette's view of the cluster and applies the event that brings the record in line, if any; says
     * whether it applied one, and what Palette reported.
     */
    const observe = async (
      record: ClusterRecord,
    ): Promise<{ applied: boolean; observed?: LifecycleState }> => {
      if (!record.paletteUid) return { applied: false };
      await paceRead();
      const info = await scopeOfRecord(deps, record).palette.getCluster(record.paletteUid);
      const paletteState = info?.state ?? 'NotFound';
      const observed = stateFromPalette(paletteState);
      try {
        const updated = await applyPaletteState(deps, record, paletteState);
        if (!updated) return observed ? { applied: false, observed } : { applied: false };
        tally.observed++;
        // The poll handler tells the thread what changed (and keeps watching a deletion).
        await deps.jobs.dispatch({ kind: 'poll', clusterId: record.id });
        tally.dispatched++;
      } catch (error) {
        // Someone else moved the record meanwhile: the next sweep sees the new state.
        if (!(error instanceof ConflictError)) throw error;
      }
      return { applied: true };
    };

    /** A deletion whose delete Palette never took: the cluster is still up long after the delete started. */
    const deleteLost = (record: ClusterRecord, observed: LifecycleState | undefined, now: number) =>
      record.state === 'DELETING' &&
      (observed === 'RUNNING' || observed === 'PROVISIONING') &&
      record.deletingSince !== undefined &&
      now - Date.parse(record.deletingSince) > deleteResendSeconds * 1000;

    const reconcileOne = async (record: ClusterRecord) => {
      const now = deps.now().getTime();
      const idleSeconds = (now - Date.parse(lastActivity(record))) / 1000;
      switch (record.state) {
        case 'PENDING_APPROVAL':
          if (now >= Date.parse(record.expiresAt))
            await redispatch(record, { kind: 'expire', clusterId: record.id }, approvedStaleSeconds);
          // A request nobody can see (its review job was lost before the card or the thread was posted).
          else if (!(record.slack.approvalTs && record.slack.threadTs) && idleSeconds > reviewStaleSeconds)
            await redispatch(record, { kind: 'review', clusterId: record.id }, reviewStaleSeconds);
          return;
        case 'APPROVED':
          if (idleSeconds > approvedStaleSeconds)
            await redispatch(record, { kind: 'create', clusterId: record.id }, approvedStaleSeconds);
          return;
        case 'RUNNING': {
          const { applied } = await observe(record);
          // A resize is followed by a poll chain like a provisioning: a chain that stopped is started again.
          if (!applied && record.scaling && idleSeconds > pollStaleSeconds)
            await redispatch(record, { kind: 'poll', clusterId: record.id }, pollStaleSeconds);
          const leaseJob = applied ? undefined : leaseRecovery(record, now);
          if (leaseJob) await redispatch(record, leaseJob, pollStaleSeconds);
          return;
        }
        case 'PROVISIONING':
        case 'DELETING': {
          // A live poll chain watches these; only a stalled one needs the reconciler.
          if (idleSeconds <= pollStaleSeconds) return;
          const { applied, observed } = await observe(record);
          if (applied) return;
          if (deleteLost(record, observed, now))
            await redispatch(record, { kind: 'delete', clusterId: record.id }, deleteResendSeconds);
          await redispatch(record, { kind: 'poll', clusterId: record.id }, pollStaleSeconds);
          return;
        }
        default:
          return;
      }
    };

    const walked: ClusterRecord[] = [];
    let cursor: string | undefined;
    do {
      if (overBudget()) {
        tally.unfinished = true;
        break;
      }
      const page = await deps.store.listActive({ limit: pageSize, ...(cursor ? { cursor } : {}) });
      walked.push(...page.items);
      await forEachBounded(page.items, concurrency, async (record) => {
        if (overBudget()) {
          tally.unfinished = true;
          return;
        }
        tally.checked++;
        try {
          await reconcileOne(record);
          await rearmDay2(deps, record, deps.now());
        } catch (error) {
          tally.failed++;
          deps.logger.warn('Reconcile: could not check a cluster; the next sweep tries again.', {
            clusterId: record.id,
            error,
          });
        }
      });
      cursor = page.cursor;
    } while (cursor);
    await watchAllRunning(deps, walked);
    if (!tally.unfinished) {
      try {
        const audit = await auditQuotaLedgers(deps, walked, quotaGraceSeconds * 1000);
        tally.quotaCorrected = audit.corrected;
      } catch (error) {
        deps.logger.warn('Reconcile: could not audit the quota ledgers; the next sweep tries again.', {
          error,
        });
      }
    }
    const durationMs = Date.now() - started;
    deps.logger.info('Reconcile sweep done.', { ...tally, durationMs });
    deps.metrics.add('Sweeps', 1, { outcome: tally.unfinished ? 'unfinished' : 'complete' });
    deps.metrics.add('SweepDuration', durationMs, {});
    deps.metrics.add('ClustersSwept', tally.checked, {});
  };
}

/** When the bot last touched the record: its last transition, or the last time a poll read Palette for it. */
function lastActivity(record: ClusterRecord): string {
  const polled = record.progress?.polledAt ?? record.progress?.lastChangeAt;
  return polled && polled > record.updatedAt ? polled : record.updatedAt;
}

/** The reconcile job's handler with the default pacing. */
export const reconcile = createReconciler();
