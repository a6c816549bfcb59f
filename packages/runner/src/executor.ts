import type { ServiceSpec } from '@ritmo/pipeline';

/**
 * How steps get run: on the host, in a bubblewrap sandbox, in a docker container, or nowhere (dummy).
 *
 * The verbs follow woodpecker's backend: `setup` prepares the job's environment once, `start` launches
 * one step and hands back its output streams (tail) and a `wait`, and `destroy` removes everything the
 * job left behind. The runner owns ordering, timeouts, masking and logs; an executor only runs
 * processes. Paths in `ExecutorJob` are host paths; an executor that runs steps elsewhere (a
 * container) makes `workspace` and `tempDir` visible at the same paths.
 */
export interface Executor {
  readonly name: string;
  /** Prepares the job (network, containers, services, ...). Called once before the first step. */
  setup(job: ExecutorJob, signal: AbortSignal): Promise<void>;
  /** Launches a step. Resolves once the process runs; rejects (ERR_RUNNER_SPAWN_FAILED) when it cannot start. */
  start(job: ExecutorJob, step: ExecutorStep, signal: AbortSignal): Promise<StepProcess>;
  /** Removes what `setup` and the steps left: lingering processes, containers, networks. Never throws. */
  destroy(job: ExecutorJob): Promise<void>;
}

export interface ExecutorJob {
  id: string;
  name: string;
  /** The job's working tree; steps start here unless they name a working directory. */
  workspace: string;
  /** A private directory for the job's scripts and output files, removed by the runner afterwards. */
  tempDir: string;
  /** Container image (docker executor). */
  image?: string;
  services: ServiceSpec[];
  /** Whether steps may reach the network (sandbox and docker executors); each executor has a default. */
  network?: boolean;
  /** Resource limits for the job's processes (sandbox and docker executors); unset fields are unlimited. */
  limits?: ResourceLimits;
}

export interface ResourceLimits {
  /** Memory (and swap) the job's processes may use together, in bytes. */
  memoryBytes?: number;
  /** CPU time as a number of CPUs (`1.5` = one and a half cores' worth). */
  cpus?: number;
  /** How many processes (and threads) may exist at once. */
  pids?: number;
}

export interface ExecutorStep {
  id: string;
  /** 1-based position in the job; executors use it for file names. */
  index: number;
  name: string;
  /** The script text (already rendered: no `${{ }}` left, untrusted values come through env). */
  script: string;
  /** `bash` (default), `sh`, `pwsh`, `python` or a command template containing `{0}`. */
  shell?: string;
  /** Absolute directory the step starts in. */
  workingDirectory: string;
  /** The complete environment of the step; executors add nothing but what their platform needs. */
  env: Record<string, string>;
}

/** A running step. `stdout` and `stderr` are read once each; `wait` settles after both ended. */
export interface StepProcess {
  /** Host pid of the step's leader process, when there is one. */
  readonly pid?: number;
  readonly stdout: AsyncIterable<Uint8Array>;
  readonly stderr: AsyncIterable<Uint8Array>;
  wait(): Promise<StepExit>;
  /** Sends a signal to the step's whole process tree; a no-op once everything exited. */
  kill(signal: KillSignal): void;
}

export type KillSignal = 'SIGTERM' | 'SIGKILL' | 'SIGINT';

export interface StepExit {
  /** The process's exit code, or 128 + the signal number when a signal ended it. */
  exitCode: number;
  /** The signal that ended the leader, if any. */
  signal?: string;
}
