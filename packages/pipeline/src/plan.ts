/**
 * The compiled form of a pipeline: what the server stores and what agents and `ritmo run` execute.
 * Everything here is plain JSON (it is persisted and sent over the wire).
 *
 * Expressions that can only be known at run time (`if:`, step `run:` text, env values that read
 * `needs`, `steps`, `secrets` ...) stay as source text; `matrix` values are already substituted.
 */

/** A `${{ }}`-bearing string kept for evaluation at run time. */
export type Template = string;

export type EventName = 'push' | 'pull_request' | 'tag' | 'schedule' | 'manual' | 'api' | 'upstream';

export interface PushFilter {
  branches?: string[];
  branchesIgnore?: string[];
  tags?: string[];
  tagsIgnore?: string[];
  paths?: string[];
  pathsIgnore?: string[];
}

export interface PullRequestFilter {
  branches?: string[];
  branchesIgnore?: string[];
  paths?: string[];
  pathsIgnore?: string[];
  /** Defaults to opened, synchronize, reopened. */
  types: string[];
}

export type InputType = 'string' | 'number' | 'boolean' | 'choice';

export interface ManualInput {
  type: InputType;
  description?: string;
  required: boolean;
  default?: string | number | boolean;
  options?: string[];
}

export interface Triggers {
  push?: PushFilter;
  pullRequest?: PullRequestFilter;
  tag?: { tags?: string[]; tagsIgnore?: string[] };
  schedule: { cron: string; timezone?: string }[];
  manual?: { inputs: Record<string, ManualInput> };
}

export type RetryWhen = 'agent-lost' | 'always' | 'failure' | 'timeout';

export interface RetryPolicy {
  /** Extra attempts after the first. 0 = never retried (agent-lost still gets `agentLost` retries). */
  max: number;
  when: RetryWhen[];
  /** Exit codes that are retried (besides `when`). */
  exitCodes: number[];
}

export interface PlanStep {
  /** Stable within the job: the step's `id:` or `step-<n>` (1-based). */
  id: string;
  name: string;
  /** Exactly one of run / uses. */
  run?: Template;
  uses?: string;
  with?: Record<string, Template>;
  shell?: string;
  workingDirectory?: string;
  env: Record<string, Template>;
  if?: Template;
  continueOnError: boolean;
  timeoutMs?: number;
}

export interface CacheSpec {
  key: Template;
  restoreKeys: Template[];
  paths: string[];
  /** `pull-push` (default), `pull` or `push`. */
  policy: 'pull-push' | 'pull' | 'push';
}

export interface ArtifactSpec {
  name: string;
  paths: string[];
  exclude: string[];
  expireInMs?: number;
  /** When to upload: on success (default), failure or always. */
  when: 'success' | 'failure' | 'always';
}

export interface ServiceSpec {
  /** Host name the job reaches it by. */
  name: string;
  image: string;
  env: Record<string, Template>;
  ports: number[];
  command?: string[];
}

export interface EnvironmentSpec {
  name: Template;
  url?: Template;
}

export interface ConcurrencySpec {
  group: Template;
  cancelInProgress: boolean;
}

export interface PlanJob {
  /** Stable and unique in the plan: the job key, plus matrix values for expansions (`test-node-20`). */
  id: string;
  /** The key under `jobs:` this job came from. */
  key: string;
  /** Readable: the job's `name:` or key, plus matrix values: `test (node: 20)`. */
  name: string;
  stage?: string;
  /** Ids of plan jobs this one waits for (matrix jobs expand to all their cells). */
  needs: string[];
  /** The job keys it named in `needs:` (or got from stages), for the `needs.<key>` context. */
  needsKeys: string[];
  matrix?: Record<string, unknown>;
  /** Id shared by all cells of one matrix job (the job key); absent for plain jobs. */
  matrixGroup?: string;
  failFast: boolean;
  maxParallel?: number;
  if?: Template;
  runsOn: string[];
  image?: string;
  services: ServiceSpec[];
  env: Record<string, Template>;
  steps: PlanStep[];
  timeoutMs: number;
  retry: RetryPolicy;
  continueOnError: boolean;
  concurrency?: ConcurrencySpec;
  cache?: CacheSpec;
  artifacts: ArtifactSpec[];
  reports: { junit: string[] };
  environment?: EnvironmentSpec;
  /** Output name -> template read after the job (usually `${{ steps.x.outputs.y }}`); step outputs from $RITMO_OUTPUT are exported too. */
  outputs: Record<string, Template>;
  /** Secret names the job references anywhere (steps, env, with); only these are sent to it. */
  secrets: string[];
}

export interface Plan {
  /** The pipeline's `name:` or the file name without extension. */
  name: string;
  file: string;
  on: Triggers;
  env: Record<string, Template>;
  concurrency?: ConcurrencySpec;
  stages: string[];
  jobs: PlanJob[];
}

/** What the build is running for; drives `on:` filters, `if:` and the `ritmo` context. */
export interface TriggerContext {
  event: EventName;
  ref?: string;
  sha?: string;
  branch?: string;
  tag?: string;
  buildNumber?: number;
  buildId?: string;
  project?: string;
  actor?: string;
  changedFiles?: string[];
  prAction?: string;
  baseBranch?: string;
  inputs?: Record<string, string | number | boolean>;
}
