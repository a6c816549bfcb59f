import { randomBytes } from 'node:crypto';
import { toError, type Clock, type Logger } from '@ritmo/shared';
import type { Build, Project, Schedule, Store } from '@ritmo/store';
import type { Orchestrator } from '../orchestration/create-orchestrator.js';
import type { RepoMirror } from '../pipelines/create-repo-mirror.js';
import { latestTick, nextTick } from './cron-ticks.js';
import { fireSchedule } from './fire-schedule.js';
import { refreshStaleSchedules } from './refresh-stale-schedules.js';
import { syncSchedules, type SyncResult } from './sync-schedules.js';

const MIN_SLEEP_MS = 1000;

export interface SchedulerDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  orchestrator: Orchestrator;
  mirror: RepoMirror;
  /** Names this server instance in schedule leases (default: random). */
  instanceId?: string;
  /** How long a taken tick is held while its build is started (default 5 min). */
  leaseMs?: number;
  /** The longest sleep between looks at the schedules (default 30 s): other servers add schedules too. */
  pollMs?: number;
  /** How often inline pipelines and never-synced repositories are synced (default 5 min). */
  refreshMs?: number;
  signal: AbortSignal;
}

export interface FiredTick {
  scheduleId: string;
  scheduledAt: number;
  /** Earlier ticks were missed (the server was down): they were not fired, only this one. */
  missed: boolean;
  build: Build | undefined;
}

/**
 * Fires cron schedules. Each due tick is taken with one conditional UPDATE that also moves the
 * schedule to its next tick, so among any number of server instances exactly one fires it, and a
 * restart never fires it again. Missed ticks fire once, for the latest of them, never as a backlog.
 */
export function createScheduler(deps: SchedulerDeps) {
  const { store, clock, logger } = deps;
  const owner = deps.instanceId ?? `scheduler-${randomBytes(6).toString('hex')}`;
  const leaseMs = deps.leaseMs ?? 5 * 60_000;
  const fireDeps = { ...deps, signal: deps.signal };
  /** Set when the loop starts: the first refresh comes one interval later, not during start-up. */
  let lastRefresh = 0;
  let loop: Promise<void> | undefined;

  const fireOne = async (schedule: Schedule, now: number): Promise<FiredTick | undefined> => {
    const scheduledAt = latestTick(schedule.cron, schedule.timezone, schedule.nextRunAt, now);
    const next = nextTick(schedule.cron, schedule.timezone, now);
    if (next === undefined) {
      await store.schedules.updateSchedule(schedule.id, { enabled: false });
      return undefined;
    }
    const taken = await store.schedules.claimScheduleTick({ id: schedule.id, dueAt: schedule.nextRunAt, nextRunAt: next, owner, leaseMs, firedAt: scheduledAt });
    if (!taken) return undefined;
    const missed = scheduledAt > schedule.nextRunAt;
    let build: Build | undefined;
    try {
      const project = await store.projects.getProject(schedule.projectId);
      build = await fireSchedule(fireDeps, project, schedule, scheduledAt, missed);
      logger.info({ scheduleId: schedule.id, projectId: project.id, buildId: build?.id, scheduledAt: new Date(scheduledAt).toISOString() }, build ? 'schedule fired' : 'schedule removed from the pipeline');
    } catch (e: unknown) {
      logger.warn({ err: toError(e), scheduleId: schedule.id }, 'a scheduled build could not be started; the tick is skipped');
    } finally {
      await store.schedules.releaseScheduleTick(schedule.id, owner, build?.id ?? null);
    }
    return { scheduleId: schedule.id, scheduledAt, missed, build };
  };

  const scheduler = {
    owner,
    /** Fires every due tick this instance manages to take; returns those it fired. */
    async runDue(): Promise<FiredTick[]> {
      const now = clock.now();
      const fired: FiredTick[] = [];
      for (const schedule of await store.schedules.listDueSchedules(now)) {
        const tick = await fireOne(schedule, now);
        if (tick) fired.push(tick);
      }
      return fired;
    },
    /** Brings a project's schedules in line with its pipeline on the default branch. */
    syncProject: (project: Project): Promise<SyncResult> => syncSchedules(fireDeps, project),
    /** Syncs inline pipelines changed since their last sync and repositories never synced. */
    refresh: () => refreshStaleSchedules(fireDeps, syncSchedules),
    /** Runs until `signal` aborts: fire what is due, refresh now and then, sleep until the next tick. */
    start(): void {
      loop ??= run();
    },
    async stop(): Promise<void> {
      await loop;
    },
  };

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (deps.signal.aborted) {
        resolve();
        return;
      }
      const timer = setTimeout(done, Math.max(0, ms));
      function done(): void {
        clearTimeout(timer);
        deps.signal.removeEventListener('abort', done);
        resolve();
      }
      deps.signal.addEventListener('abort', done, { once: true });
    });

  async function run(): Promise<void> {
    const pollMs = deps.pollMs ?? 30_000;
    const refreshMs = deps.refreshMs ?? 5 * 60_000;
    lastRefresh = clock.now();
    while (!deps.signal.aborted) {
      try {
        if (clock.now() - lastRefresh >= refreshMs) {
          lastRefresh = clock.now();
          await scheduler.refresh();
        }
        await scheduler.runDue();
        const next = await store.schedules.findNextRunAt();
        // At least a second: a due schedule another server holds must not make this loop spin.
        await sleep(Math.max(MIN_SLEEP_MS, Math.min(pollMs, next === undefined ? pollMs : next - clock.now())));
      } catch (e: unknown) {
        if (deps.signal.aborted) break;
        logger.warn({ err: toError(e) }, 'the scheduler loop failed; it tries again');
        await sleep(pollMs);
      }
    }
  }

  return scheduler;
}

export type Scheduler = ReturnType<typeof createScheduler>;
