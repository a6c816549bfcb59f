import { failsParent, isFinalStatus, type JobStatus, type StatusPart } from './job-status.js';

/** Facts about the job beyond its steps, set by whoever runs it. */
export interface JobStatusFlags {
  /** The job was canceled (build canceled, fail-fast, user). */
  canceled?: boolean;
  /** The job failed outside any step: timeout, workspace setup, lost agent without retry. */
  failed?: boolean;
}

/**
 * A job's status from its steps. `running` while any step is unfinished; then `canceled` if the job was
 * canceled; `failure` if the job failed (timeout, setup) or a step without continue-on-error failed;
 * `canceled` if a step was canceled; otherwise `success` (skipped steps and failed continue-on-error steps
 * do not fail the job).
 */
export function deriveJobStatus(steps: readonly StatusPart[], flags: JobStatusFlags = {}): JobStatus {
  if (steps.some((s) => !isFinalStatus(s.status))) return 'running';
  if (flags.canceled) return 'canceled';
  if (flags.failed || steps.some(failsParent)) return 'failure';
  if (steps.some((s) => s.status === 'canceled')) return 'canceled';
  return 'success';
}
