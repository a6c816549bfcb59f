/**
 * The data an expression can read. Every context is optional: a missing one reads as an empty object,
 * so `inputs.x` is null rather than an error. Lookups are case-insensitive, as in GitHub Actions.
 */
export interface ExpressionContext {
  ritmo?: RitmoContext;
  env?: Record<string, string>;
  matrix?: Record<string, unknown>;
  inputs?: Record<string, string | number | boolean>;
  secrets?: Record<string, string>;
  /** Keyed by the job key named in `needs:` (all cells of a matrix job fold into one entry). */
  needs?: Record<string, NeedContext>;
  job?: JobContext;
  /** Keyed by step id; only steps that already ran. */
  steps?: Record<string, StepContext>;
  strategy?: StrategyContext;
}

/** The `ritmo` context: what the build runs for. */
export interface RitmoContext {
  event?: string;
  ref?: string;
  sha?: string;
  branch?: string;
  tag?: string;
  base_branch?: string;
  pr_action?: string;
  build_number?: number;
  build_id?: string;
  project?: string;
  actor?: string;
  workspace?: string;
  job?: string;
  server_url?: string;
  [key: string]: unknown;
}

/** `needs.<key>`: `result` is a Ritmo job status (`success`, `failure`, `canceled`, `skipped`). */
export interface NeedContext {
  result: string;
  outputs: Record<string, string>;
}

export interface JobContext {
  /** `success`, `failure` or `canceled`: the job's status so far. */
  status: string;
  [key: string]: unknown;
}

/** `steps.<id>`: `outcome` before continue-on-error is applied, `conclusion` after. */
export interface StepContext {
  outcome: string;
  conclusion: string;
  outputs: Record<string, string>;
}

export interface StrategyContext {
  'fail-fast'?: boolean;
  'max-parallel'?: number;
  'job-index'?: number;
  'job-total'?: number;
}

/**
 * What the status functions answer: success() = !failed && !cancelled && !skipped, failure() = failed,
 * cancelled() = cancelled, always() = true.
 */
export interface StatusContext {
  failed: boolean;
  cancelled: boolean;
  /** A job this one needs was skipped (not because of a failure): success() is false, failure() too. */
  skipped?: boolean;
}

export interface EvaluateOptions {
  /** Defaults to nothing failed, nothing cancelled. */
  status?: StatusContext;
  /** Implements `hashFiles(...)`; without it a call to hashFiles fails with a clear error. */
  hashFiles?: (patterns: string[]) => string;
}
