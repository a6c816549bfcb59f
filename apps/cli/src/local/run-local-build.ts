import {
  advanceBuild,
  buildNeedsContext,
  deriveBuildStatus,
  type ExpressionContext,
  type JobState,
  type Plan,
  type PlanJob,
} from '@ritmo/pipeline';
import { createHashFiles, runJob, type Executor, type LogLine, type StepEvent } from '@ritmo/runner';
import { createSystemClock, toError, type Clock } from '@ritmo/shared';

export type LocalJobStatus = 'success' | 'failure' | 'canceled' | 'skipped';
export type LocalBuildStatus = 'success' | 'failure' | 'canceled';

/** How one job of a local build ended. Jobs that never started have no times. */
export interface LocalJobRecord {
  job: PlanJob;
  status: LocalJobStatus;
  /** Why a job was skipped, canceled or failed without running (`if: ... was false`, fail-fast, ...). */
  reason?: string;
  startedAt?: number;
  finishedAt?: number;
  exitCode: number | null;
  outputs: Record<string, string>;
}

export interface LocalBuildResult {
  status: LocalBuildStatus;
  /** In plan order. */
  jobs: LocalJobRecord[];
  startedAt: number;
  finishedAt: number;
}

/** Live notifications; every job gets exactly one `jobFinished`, started or not. */
export interface LocalBuildEvents {
  jobStarted?(job: PlanJob): void;
  jobFinished?(record: LocalJobRecord): void;
  log?(job: PlanJob, line: LogLine): void;
  step?(job: PlanJob, event: StepEvent): void;
}

export interface RunLocalBuildOptions {
  plan: Plan;
  /** `ritmo` and `inputs` (plus anything else every job's expressions may read). */
  context: ExpressionContext;
  /** Given to every job and masked in every log line. */
  secrets: Record<string, string>;
  /** Extra environment for every step (`--env`), below what the pipeline sets. */
  env: Record<string, string>;
  /** The working tree all jobs run in. */
  workspace: string;
  executor: Executor;
  /** Jobs running at once, at least 1. */
  maxParallel: number;
  /** Abort to cancel the build: running jobs are stopped (process groups killed), pending ones skipped. */
  signal: AbortSignal;
  events?: LocalBuildEvents;
  killGraceMs?: number;
  clock?: Clock;
}

/**
 * Runs a plan on this machine: jobs in DAG order, in parallel up to `maxParallel`, with the pure rules of
 * `advanceBuild` deciding what to queue, skip or cancel (if:, fail-fast, matrix max-parallel, cancellation).
 * Outputs of finished jobs flow to their dependents through the `needs` context. Always resolves, with
 * exactly one final status per job, once no job is running any more.
 */
export function runLocalBuild(options: RunLocalBuildOptions): Promise<LocalBuildResult> {
  const { plan, signal } = options;
  const clock = options.clock ?? createSystemClock();
  const events = options.events ?? {};
  const jobsById = new Map(plan.jobs.map((j) => [j.id, j]));
  const hashFiles = createHashFiles(options.workspace);
  const state: Record<string, JobState> = {};
  const records = new Map<string, LocalJobRecord>();
  const ready: string[] = [];
  const running = new Map<string, AbortController>();
  const startedAt = clock.now();
  let cancelled = signal.aborted;

  return new Promise((resolve) => {
    const finish = (record: LocalJobRecord): void => {
      state[record.job.id] = { status: record.status, outputs: record.outputs };
      records.set(record.job.id, record);
      events.jobFinished?.(record);
    };

    const start = (job: PlanJob): void => {
      const controller = new AbortController();
      running.set(job.id, controller);
      state[job.id] = { status: 'running' };
      events.jobStarted?.(job);
      const jobStartedAt = clock.now();
      runJob({
        job,
        executor: options.executor,
        workspace: options.workspace,
        context: jobContext(job),
        pipelineEnv: plan.env,
        env: options.env,
        secrets: options.secrets,
        signal: controller.signal,
        onLog: (line) => events.log?.(job, line),
        onStep: (event) => events.step?.(job, event),
        ...(options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs }),
        clock,
      })
        .then(
          (result): LocalJobRecord => ({
            job,
            status: result.status,
            startedAt: result.startedAt,
            finishedAt: result.finishedAt,
            exitCode: result.exitCode,
            outputs: result.outputs,
          }),
          (e: unknown): LocalJobRecord => ({
            job,
            status: 'failure',
            reason: toError(e).message,
            startedAt: jobStartedAt,
            finishedAt: clock.now(),
            exitCode: null,
            outputs: {},
          }),
        )
        .then((record) => {
          running.delete(job.id);
          finish(record);
          advance();
        });
    };

    const jobContext = (job: PlanJob): ExpressionContext => ({
      ...options.context,
      ritmo: { ...options.context.ritmo, job: job.id },
      matrix: job.matrix ?? {},
      needs: buildNeedsContext(job, {
        jobsById,
        statusOf: (id) => state[id]?.status ?? 'pending',
        outputsOf: (id) => state[id]?.outputs,
      }),
    });

    const notStarted = (job: PlanJob, status: LocalJobStatus, reason: string): LocalJobRecord => ({
      job,
      status,
      reason,
      exitCode: null,
      outputs: {},
    });

    const advance = (): void => {
      const next = advanceBuild(plan, state, options.context, { cancelled, hashFiles });
      for (const id of next.queue) {
        state[id] = { status: 'queued' };
        ready.push(id);
      }
      for (const { jobId, reason } of next.skip) finish(notStarted(jobsById.get(jobId)!, 'skipped', reason));
      for (const { jobId, reason } of next.fail) finish(notStarted(jobsById.get(jobId)!, 'failure', reason));
      for (const { jobId, reason } of next.cancel) {
        const controller = running.get(jobId);
        if (controller !== undefined) {
          controller.abort(reason);
          continue;
        }
        const at = ready.indexOf(jobId);
        if (at >= 0) ready.splice(at, 1);
        finish(notStarted(jobsById.get(jobId)!, 'canceled', reason));
      }
      while (running.size < options.maxParallel && ready.length > 0) start(jobsById.get(ready.shift()!)!);
      if (running.size === 0 && ready.length === 0) done();
    };

    const onAbort = (): void => {
      cancelled = true;
      advance();
    };

    let settled = false;
    const done = (): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      // Nothing runs and nothing can be decided any more; a job still pending here was never reachable.
      for (const job of plan.jobs) {
        if (!records.has(job.id)) finish(notStarted(job, cancelled ? 'canceled' : 'skipped', 'not reached'));
      }
      const jobs = plan.jobs.map((j) => records.get(j.id)!);
      resolve({ status: buildStatus(jobs, cancelled), jobs, startedAt, finishedAt: clock.now() });
    };

    signal.addEventListener('abort', onAbort, { once: true });
    advance();
  });
}

/** The build's final status by the pipeline's rules; only final job statuses reach here. */
function buildStatus(jobs: readonly LocalJobRecord[], cancelled: boolean): LocalBuildStatus {
  const parts = jobs.map((r) => ({ status: r.status, continueOnError: r.job.continueOnError }));
  const status = deriveBuildStatus(parts, { canceled: cancelled });
  return status === 'success' || status === 'failure' ? status : 'canceled';
}
