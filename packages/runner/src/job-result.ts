/** Final state of a step: `failure` also covers timeouts; `skipped` when its `if:` said no. */
export type StepStatus = 'success' | 'failure' | 'canceled' | 'skipped';

export type JobStatus = 'success' | 'failure' | 'canceled';

export interface StepResult {
  id: string;
  name: string;
  /** The outcome of the step itself (GitHub's `outcome`). */
  status: StepStatus;
  /** `success` for a failed step with continue-on-error, otherwise `status` (GitHub's `conclusion`). */
  conclusion: StepStatus;
  /** The process's exit code (128 + signal when killed); null when no process ran. */
  exitCode: number | null;
  startedAt: number;
  finishedAt: number;
  /** From the step's `$RITMO_OUTPUT` file. */
  outputs: Record<string, string>;
  timedOut: boolean;
}

export interface JobResult {
  status: JobStatus;
  /** 0 on success; else the exit code of the step that decided the result, or null if none had one. */
  exitCode: number | null;
  /** Every step's `$RITMO_OUTPUT` values, then the job's `outputs:` evaluated over them. */
  outputs: Record<string, string>;
  steps: StepResult[];
  /** The job hit its own timeout. */
  timedOut: boolean;
  startedAt: number;
  finishedAt: number;
}

/** Step lifecycle, for live status; skipped steps only get `finished`. */
export type StepEvent =
  | { type: 'started'; stepId: string; name: string; ts: number }
  | { type: 'finished'; stepId: string; name: string; ts: number; result: StepResult };
