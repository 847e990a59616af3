import type { ClusterRecord } from '../../domain/cluster';
import { type LifecycleState, stateFromPalette } from '../../domain/lifecycle';
import { projectOfRecord } from '../../domain/team';
import { leaseRecovery } from '../../leases/sweep';
import type { ClusterSummary } from '../../palette/port';
import { ConflictError, type SweepCursor } from '../../store/port';
import { scopeOfRecord } from '../../teams/scope';
import { rearmDay2 } from '../day2-rearm';
import { covers, type FleetWalkResult, walkFleetPages } from '../fleet-pages';
import type { JobHandler } from '../handler';
import type { Job } from '../job';
import { applyPaletteState } from '../observe';
import { forEachBounded, pacer } from '../pace';
import { auditQuotaLedgers } from '../quota-audit';
import { watchSweptRunning } from '../watch-running';

/** How the sweep is paced; the defaults keep 1,000 active clusters well inside a minute and Palette's limits. */
export interface ReconcileOptions {
  /** Records read per page of the active index. */
  pageSize?: number;
  /** Records handled at once. */
  concurrency?: number;
  /**
   * Single cluster reads per second (a cluster no page listed): under the 50 rps of /v1/spectroclusters, leaving
   * room for the bot's own calls. Pages of the cluster search are paced by the client (10 rps on /v1/dashboard).
   */
  paletteReadsPerSecond?: number;
  /** A new request without its approval card or thread this long lost its review job. */
  reviewStaleSeconds?: number;
  /** An APPROVED record untouched this long lost its create job. */
  approvedStaleSeconds?: number;
  /**
   * Stop starting work after this long, so a slow Palette never runs the sweep past the worker's timeout: the walk
   * through Palette's pages stores where it stopped and the next sweep starts there.
   */
  budgetMs?: number;
  /**
   * A deleting record whose cluster Palette still reports up this long after the delete started lost its delete
   * (Palette flips to Deleting within seconds): the delete is sent again, at most once per this window.
   */
  deleteResendSeconds?: number;
  /**
   * At most this many clusters no page listed are read one by one per sweep (the rest wait for the next): a
   * normal sweep has a handful (clusters deleted since the last one); the cap bounds a sweep after an outage.
   */
  maxSingleReads?: number;
  /** A quota ledger entry or record still this long is audited (an approval or a resize in flight is not). */
  quotaGraceSeconds?: number;
}

/** What a sweep did, for its log line. */
interface SweepTally {
  checked: number;
  /** Pages of Palette's cluster search read. */
  pages: number;
  /** Clusters no page listed, read one by one. */
  singleReads: number;
  /** Records that needed Palette's word and wait for the next sweep (the walk was cut before their page). */
  deferred: number;
  observed: number;
  dispatched: number;
  failed: number;
  unfinished: boolean;
  /** Quota ledger entries put right (after a sweep that walked every active record). */
  quotaCorrected?: number;
}

/** What Palette says of one cluster: a row of a search page, or a single read (`NotFound` for a 404). */
interface PaletteReport {
  state: string;
  health?: string;
}

/**
 * The reconciler: walks the active index page by page (never a Scan), re-dispatches work that is stuck (an expired
 * request, a lost create, a poll chain that stopped) and brings each record in line with Palette — in the
 * cluster's own project — when the cluster was changed or deleted outside the bot. Palette's states come in bulk
 * from its cluster search (50 a page, per project): the sweep costs clusters ÷ 50 calls, plus one read per
 * cluster the bot watches that no page listed (deleted, or gone: 404). When the time budget runs out the walk
 * stores where it stopped and the next sweep starts there. Each re-dispatch is claimed once per record version
 * and staleness window, so a job that keeps failing is retried at that pace, not every minute. A sweep that
 * walked every record then audits the teams' quota ledgers.
 */
export function createReconciler(options: ReconcileOptions = {}): JobHandler<'reconcile'> {
  const pageSize = options.pageSize ?? 100;
  const concurrency = options.concurrency ?? 8;
  const approvedStaleSeconds = options.approvedStaleSeconds ?? 300;
  const reviewStaleSeconds = options.reviewStaleSeconds ?? 120;
  const budgetMs = options.budgetMs ?? 45_000;
  const deleteResendSeconds = options.deleteResendSeconds ?? 300;
  const quotaGraceSeconds = options.quotaGraceSeconds ?? 600;
  const maxSingleReads = options.maxSingleReads ?? 200;

  return async (_job, deps) => {
    const started = Date.now();
    const paceRead = pacer(options.paletteReadsPerSecond ?? 40);
    const tally: SweepTally = {
      checked: 0,
      pages: 0,
      singleReads: 0,
      deferred: 0,
      observed: 0,
      dispatched: 0,
      failed: 0,
      unfinished: false,
    };
    const overBudget = () => Date.now() - started > budgetMs;
    const pollStaleSeconds = 2 * deps.config.pollIntervalSeconds;
    const projectOf = (record: ClusterRecord) => projectOfRecord(deps.config.teams, record) ?? '';

    /** Dispatches `job` for `record` unless this sweep (or a recent one) already re-dispatched it. */
    const redispatch = async (record: ClusterRecord, job: Job, windowSeconds: number) => {
      const claim = `reconcile:${job.kind}:${record.id}:${record.version}`;
      if (!(await deps.store.claimOnce(claim, windowSeconds))) return;
      await deps.jobs.dispatch(job);
      tally.dispatched++;
    };

    /**
     * Applies the event that brings the record in line with Palette's report, if any; says whether it applied
     * one, and what Palette reported.
     */
    const observe = async (
      record: ClusterRecord,
      report: PaletteReport,
    ): Promise<{ applied: boolean; observed?: LifecycleState }> => {
      const observed = stateFromPalette(report.state);
      try {
        const updated = await applyPaletteState(deps, record, report.state);
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

    const idleSecondsOf = (record: ClusterRecord) =>
      (deps.now().getTime() - Date.parse(lastActivity(record))) / 1000;

    /**
     * Whether the record needs Palette's word: a running cluster always (changes outside the bot), a provisioning
     * or deleting one only when its poll chain has stalled (a live chain watches it).
     */
    const needsPalette = (record: ClusterRecord) =>
      record.paletteUid !== undefined &&
      (record.state === 'RUNNING' ||
        ((record.state === 'PROVISIONING' || record.state === 'DELETING') &&
          idleSecondsOf(record) > pollStaleSeconds));

    /**
     * The work of a record that does not involve Palette: a request to expire or review, a lost create, a lease
     * nothing else will move, a lost follow-up of a backup or scan.
     */
    const reconcileLocally = async (record: ClusterRecord) => {
      const now = deps.now().getTime();
      const idleSeconds = idleSecondsOf(record);
      if (record.state === 'PENDING_APPROVAL') {
        if (now >= Date.parse(record.expiresAt))
          await redispatch(record, { kind: 'expire', clusterId: record.id }, approvedStaleSeconds);
        // A request nobody can see (its review job was lost before the card or the thread was posted).
        else if (!(record.slack.approvalTs && record.slack.threadTs) && idleSeconds > reviewStaleSeconds)
          await redispatch(record, { kind: 'review', clusterId: record.id }, reviewStaleSeconds);
      } else if (record.state === 'APPROVED' && idleSeconds > approvedStaleSeconds) {
        await redispatch(record, { kind: 'create', clusterId: record.id }, approvedStaleSeconds);
      }
      const leaseJob = leaseRecovery(record, now);
      if (leaseJob) await redispatch(record, leaseJob, pollStaleSeconds);
      await rearmDay2(deps, record, deps.now());
    };

    /** Brings a record Palette reported on in line, and restarts the watch of a stalled one. */
    const reconcileWithPalette = async (record: ClusterRecord, report: PaletteReport) => {
      const now = deps.now().getTime();
      const { applied, observed } = await observe(record, report);
      if (record.state === 'RUNNING') {
        // A resize is followed by a poll chain like a provisioning: a chain that stopped is started again.
        if (!applied && record.scaling && idleSecondsOf(record) > pollStaleSeconds)
          await redispatch(record, { kind: 'poll', clusterId: record.id }, pollStaleSeconds);
        return;
      }
      if (applied) return;
      if (deleteLost(record, observed, now))
        await redispatch(record, { kind: 'delete', clusterId: record.id }, deleteResendSeconds);
      await redispatch(record, { kind: 'poll', clusterId: record.id }, pollStaleSeconds);
    };

    /** Runs one record's work; a failure is logged and left to the next sweep. */
    const guarded = async (record: ClusterRecord, work: () => Promise<void>) => {
      try {
        await work();
      } catch (error) {
        tally.failed++;
        deps.logger.warn('Reconcile: could not check a cluster; the next sweep tries again.', {
          clusterId: record.id,
          error,
        });
      }
    };

    // 2. (started inside 1) Palette's pages, per project, from where the last cut sweep stopped. The walk starts
    // as soon as the index shows a record that needs Palette and overlaps the rest of the index walk; rows are
    // matched to records once both are done.
    const listed: { project: string; row: ClusterSummary }[] = [];
    let stored: SweepCursor | undefined;
    const pageThrough = (projects: string[], start: SweepCursor | undefined) =>
      walkFleetPages({
        projects,
        ...(start ? { start } : {}),
        palette: (project) => deps.palettes.forProject(project || undefined),
        overBudget,
        onPage: async (project, rows) => {
          for (const row of rows) listed.push({ project, row });
        },
      });
    const projectsOf = (records: Iterable<ClusterRecord>) => [...new Set([...records].map(projectOf))].sort();
    let paging: Promise<{ walk: FleetWalkResult; projects: string[] } | { failed: unknown }> | undefined;

    // 1. The active index: every record, and the work that needs no Palette.
    const walked: ClusterRecord[] = [];
    let indexWalked = false;
    const watched = new Map<string, ClusterRecord>();
    let cursor: string | undefined;
    do {
      if (cursor && overBudget()) {
        tally.unfinished = true;
        break;
      }
      const page = await deps.store.listActive({ limit: pageSize, ...(cursor ? { cursor } : {}) });
      walked.push(...page.items);
      tally.checked += page.items.length;
      for (const record of page.items) if (needsPalette(record)) watched.set(record.paletteUid!, record);
      if (!paging && watched.size > 0) {
        const projects = projectsOf(watched.values());
        paging = (async () => {
          stored = await deps.store.sweepCursor();
          return { walk: await pageThrough(projects, stored), projects };
        })().catch((failed: unknown) => ({ failed }));
      }
      await forEachBounded(page.items, concurrency, (record) =>
        guarded(record, () => reconcileLocally(record)),
      );
      cursor = page.cursor;
      indexWalked = !cursor;
    } while (cursor);

    const paged = await paging;
    if (paged && 'failed' in paged) throw paged.failed;
    if (indexWalked && paged) {
      const { walk } = paged;
      // Records of projects the first page of the index did not show: their projects come after.
      const later = projectsOf(watched.values()).filter((project) => !paged.projects.includes(project));
      if (later.length > 0 && !walk.stoppedAt) {
        const rest = await pageThrough(later, undefined);
        for (const [project, coverage] of rest.coverage) walk.coverage.set(project, coverage);
        walk.pages += rest.pages;
        if (rest.stoppedAt) walk.stoppedAt = rest.stoppedAt;
      }
      tally.pages = walk.pages;
      if (walk.stoppedAt) {
        tally.unfinished = true;
        await deps.store.saveSweepCursor({ ...walk.stoppedAt, savedAt: deps.now().toISOString() });
      } else if (stored) {
        await deps.store.saveSweepCursor(undefined);
      }

      const seen = new Set<string>();
      const mine = listed.flatMap(({ project, row }) => {
        const record = watched.get(row.uid);
        return record && projectOf(record) === project ? [{ record, row }] : [];
      });
      for (const { record } of mine) seen.add(record.paletteUid!);
      await forEachBounded(mine, concurrency, ({ record, row }) =>
        guarded(record, () => reconcileWithPalette(record, row)),
      );
      // Health, repave holds and updates of running clusters, from the same rows.
      await watchSweptRunning(
        deps,
        mine.filter(({ record }) => record.state === 'RUNNING'),
      );

      // 3. Clusters the bot watches that no covering page listed: deleted, or gone (404). One read each.
      const missing = [...watched.values()].filter(
        (record) =>
          !seen.has(record.paletteUid!) && covers(walk.coverage.get(projectOf(record)), record.name),
      );
      const reading = missing.slice(0, maxSingleReads);
      tally.deferred = watched.size - seen.size - reading.length;
      await forEachBounded(reading, concurrency, (record) =>
        guarded(record, async () => {
          await paceRead();
          tally.singleReads++;
          const info = await scopeOfRecord(deps, record).palette.getCluster(record.paletteUid!);
          await reconcileWithPalette(record, { state: info?.state ?? 'NotFound' });
        }),
      );
    }

    // The ledgers are audited against every record: only after a walk of the whole index.
    if (indexWalked) {
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
    deps.metrics.add('SweepPages', tally.pages, {});
    deps.metrics.add('SweepSingleReads', tally.singleReads, {});
  };
}

/** When the bot last touched the record: its last transition, or the last time a poll read Palette for it. */
function lastActivity(record: ClusterRecord): string {
  const polled = record.progress?.polledAt ?? record.progress?.lastChangeAt;
  return polled && polled > record.updatedAt ? polled : record.updatedAt;
}

/** The reconcile job's handler with the default pacing. */
export const reconcile = createReconciler();
