import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExpressionContext, PlanJob, StepContext, Template } from '@ritmo/pipeline';
import { createSystemClock, formatDuration, toError, type Clock } from '@ritmo/shared';
import { baseEnv } from './base-env.js';
import { buildJobEnv } from './build-job-env.js';
import { createHashFiles } from './create-hash-files.js';
import type { Executor, ExecutorJob } from './executor.js';
import { interpolateEnv } from './interpolate-env.js';
import type { JobResult, StepEvent, StepResult } from './job-result.js';
import type { LogLine } from './log-line.js';
import { createLogWriter } from './log-writer.js';
import { resolveJobOutputs } from './resolve-job-outputs.js';
import { runStep } from './run-step.js';
import { createSecretMasker } from './secret-masker.js';

export interface RunJobOptions {
  job: PlanJob;
  executor: Executor;
  /** The job's working tree (created if missing by the host executor). */
  workspace: string;
  /** `ritmo`, `matrix`, `inputs`, `needs`, ... as the job sees them; `env`, `steps` and `job` are filled in here. */
  context: ExpressionContext;
  /** The pipeline's top-level `env:`, when the plan did not fold it into the job's. */
  pipelineEnv?: Record<string, Template>;
  /** Extra base variables, below the `RITMO_*` ones and everything the pipeline sets. */
  env?: Record<string, string>;
  /** Secret values (name -> value) for `secrets.*`; all of them are masked in the log. */
  secrets?: Record<string, string>;
  /** Abort to cancel the job: the running step gets SIGTERM, then SIGKILL after `killGraceMs`. */
  signal: AbortSignal;
  /** Every log line, already masked. */
  onLog: (line: LogLine) => void;
  onStep?: (event: StepEvent) => void;
  /** Grace between SIGTERM and SIGKILL. Default 10 s. */
  killGraceMs?: number;
  clock?: Clock;
}

/**
 * Runs a job's steps in order, with GitHub Actions semantics for `if:`, continue-on-error and
 * outputs. Always settles with a result (the job's failures are data) and always destroys what the
 * executor set up. Rejects only for misuse: a secret too short to mask (ERR_RUNNER_SECRET_TOO_SHORT),
 * or an `onLog` that throws.
 */
export async function runJob(options: RunJobOptions): Promise<JobResult> {
  const { job, executor } = options;
  const clock = options.clock ?? createSystemClock();
  const killGraceMs = options.killGraceMs ?? 10_000;
  const secrets = { ...options.context.secrets, ...options.secrets };
  const masker = createSecretMasker(secrets);
  const log = createLogWriter({ masker, onLog: options.onLog, clock });
  const startedAt = clock.now();
  const tempDir = await mkdtemp(join(tmpdir(), 'ritmo-job-'));
  const executorJob: ExecutorJob = { id: job.id, name: job.name, workspace: options.workspace, tempDir, services: job.services };
  if (job.image !== undefined) executorJob.image = job.image;

  // One controller stops the running step for both reasons; its reason tells them apart.
  const stopper = new AbortController();
  const onCancel = (): void => stopper.abort('canceled');
  if (options.signal.aborted) onCancel();
  else options.signal.addEventListener('abort', onCancel, { once: true });
  let timedOut = false;
  const jobTimer = setTimeout(() => {
    timedOut = true;
    log.system(`Job timed out after ${formatDuration(job.timeoutMs)}`);
    stopper.abort('job-timeout');
  }, job.timeoutMs);

  const results: StepResult[] = [];
  const steps: Record<string, StepContext> = {};
  const hashFiles = createHashFiles(options.workspace);
  const ritmo = { ...options.context.ritmo, workspace: options.workspace };
  const base: ExpressionContext = { ...options.context, ritmo, secrets, steps };
  let failed = false;
  let exitCode: number | null = 0;
  let env: JobEnv = { process: {}, expressions: {} };
  try {
    try {
      await executor.setup(executorJob, stopper.signal);
      env = prepareJobEnv(options, base, tempDir, hashFiles);
    } catch (e: unknown) {
      const error = toError(e) as Error & { code?: string };
      log.system(`Job "${job.name}" could not start: ${error.code === undefined ? '' : `${error.code}: `}${error.message}`);
      failed = true;
      exitCode = null;
    }
    for (const [i, step] of (failed ? [] : job.steps).entries()) {
      const cancelled = stopper.signal.aborted;
      const status = { failed, cancelled };
      const result = await runStep(step, i + 1, {
        executor,
        job: executorJob,
        log,
        clock,
        killGraceMs,
        processEnv: env.process,
        ctx: { ...base, env: env.expressions, job: { ...base.job, status: jobStatus(failed, cancelled) } },
        evaluate: { hashFiles, status },
        // A step that runs after the stop (`if: always()`) is bounded only by its own timeout.
        signal: cancelled ? new AbortController().signal : stopper.signal,
        ...(options.onStep === undefined ? {} : { onStep: options.onStep }),
      });
      results.push(result);
      steps[step.id] = { outcome: result.status, conclusion: result.conclusion, outputs: result.outputs };
      if (result.conclusion === 'failure' && !failed) {
        failed = true;
        exitCode = result.exitCode;
      }
    }
  } finally {
    clearTimeout(jobTimer);
    options.signal.removeEventListener('abort', onCancel);
    await executor.destroy(executorJob);
    await rm(tempDir, { recursive: true, force: true });
  }
  for (const step of job.steps.slice(results.length)) {
    const now = clock.now();
    results.push({ id: step.id, name: step.name, status: 'skipped', conclusion: 'skipped', exitCode: null, startedAt: now, finishedAt: now, outputs: {}, timedOut: false });
  }

  const outputs = resolveJobOutputs(job.outputs, results, { ...base, env: env.expressions }, { hashFiles, masker, log });
  const status = options.signal.aborted ? 'canceled' : failed || timedOut ? 'failure' : 'success';
  return {
    status,
    exitCode: status === 'success' ? 0 : status === 'canceled' ? (results.find((r) => r.status === 'canceled')?.exitCode ?? null) : exitCode,
    outputs,
    steps: results,
    timedOut,
    startedAt,
    finishedAt: clock.now(),
  };
}

interface JobEnv {
  /** What step processes start with, before step env. */
  process: Record<string, string>;
  /** The `env` context: pipeline env, then job env, evaluated. */
  expressions: Record<string, string>;
}

/** Base env, extra env, `CI`/`RITMO_*`, then the pipeline's and the job's `env:` evaluated in order. */
function prepareJobEnv(options: RunJobOptions, ctx: ExpressionContext, tempDir: string, hashFiles: (p: string[]) => string): JobEnv {
  const { job, workspace } = options;
  const pipelineEnv = interpolateEnv(options.pipelineEnv, { ...ctx, env: {} }, { hashFiles });
  const expressions = { ...pipelineEnv, ...interpolateEnv(job.env, { ...ctx, env: pipelineEnv }, { hashFiles }) };
  const processEnv = {
    ...baseEnv(),
    ...options.env,
    ...buildJobEnv(ctx.ritmo, { jobId: job.id, jobName: job.name, workspace, tempDir }),
    ...expressions,
  };
  return { process: processEnv, expressions };
}

function jobStatus(failed: boolean, cancelled: boolean): string {
  return cancelled ? 'canceled' : failed ? 'failure' : 'success';
}
