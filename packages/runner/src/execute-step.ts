import { formatDuration, toError } from '@ritmo/shared';
import type { Executor, ExecutorJob, ExecutorStep, StepProcess } from './executor.js';
import type { LogWriter, StreamWriter } from './log-writer.js';

/** Why a running step was stopped from outside. */
export type StopReason = 'timeout' | 'job-timeout' | 'canceled';

export interface ExecuteStepOptions {
  executor: Executor;
  job: ExecutorJob;
  step: ExecutorStep;
  log: LogWriter;
  /** The step's own limit. */
  timeoutMs?: number;
  /** Aborted with a `StopReason` when the job is canceled or hits its timeout. */
  signal: AbortSignal;
  killGraceMs: number;
}

export interface ExecutedStep {
  /** Null when the process could not start. */
  exitCode: number | null;
  stoppedBy?: StopReason;
}

/**
 * Runs one prepared step to its end: streams its output into the log, and on a timeout or abort
 * sends SIGTERM to its process tree, then SIGKILL after the grace period.
 */
export async function executeStep(options: ExecuteStepOptions): Promise<ExecutedStep> {
  const { log, step } = options;
  let proc: StepProcess;
  try {
    proc = await options.executor.start(options.job, step, options.signal);
  } catch (e: unknown) {
    if (options.signal.aborted) return { exitCode: null, stoppedBy: stopReason(options.signal) };
    const error = toError(e) as Error & { code?: string };
    log.system(`${error.code ?? 'ERR_RUNNER_SPAWN_FAILED'}: ${error.message}`, step.id);
    return { exitCode: null };
  }

  let stoppedBy: StopReason | undefined;
  let killTimer: NodeJS.Timeout | undefined;
  const stop = (reason: StopReason): void => {
    if (stoppedBy !== undefined) return;
    stoppedBy = reason;
    log.system(`${stopMessage(reason, options.timeoutMs)}; sending SIGTERM`, step.id);
    proc.kill('SIGTERM');
    killTimer = setTimeout(() => {
      log.system(`Still running ${formatDuration(options.killGraceMs)} after SIGTERM; sending SIGKILL`, step.id);
      proc.kill('SIGKILL');
    }, options.killGraceMs);
  };
  const onAbort = (): void => stop(stopReason(options.signal));
  const stepTimer = options.timeoutMs === undefined ? undefined : setTimeout(() => stop('timeout'), options.timeoutMs);
  if (options.signal.aborted) onAbort();
  else options.signal.addEventListener('abort', onAbort, { once: true });

  const stdout = log.stream('stdout', step.id);
  const stderr = log.stream('stderr', step.id);
  try {
    const [exit] = await Promise.all([proc.wait(), pump(proc.stdout, stdout), pump(proc.stderr, stderr)]);
    return stoppedBy === undefined ? { exitCode: exit.exitCode } : { exitCode: exit.exitCode, stoppedBy };
  } catch (e: unknown) {
    // The log consumer or the executor failed: make sure nothing keeps running, then report it.
    proc.kill('SIGKILL');
    throw toError(e);
  } finally {
    clearTimeout(stepTimer);
    clearTimeout(killTimer);
    options.signal.removeEventListener('abort', onAbort);
  }
}

function stopReason(signal: AbortSignal): StopReason {
  return signal.reason === 'job-timeout' ? 'job-timeout' : 'canceled';
}

async function pump(source: AsyncIterable<Uint8Array>, sink: StreamWriter): Promise<void> {
  for await (const chunk of source) sink.write(chunk);
  sink.end();
}

function stopMessage(reason: StopReason, timeoutMs: number | undefined): string {
  if (reason === 'timeout') return `Step timed out after ${formatDuration(timeoutMs ?? 0)}`;
  if (reason === 'job-timeout') return 'Job timed out';
  return 'Canceled';
}
