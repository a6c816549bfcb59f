import { randomBytes } from 'node:crypto';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { RitmoError, toError } from '@ritmo/shared';
import { bwrapArgs, type BwrapArgsInput, type SystemEntry } from './bwrap-args.js';
import { detectCgroups } from './detect-cgroups.js';
import type { Executor, ExecutorJob, ExecutorStep, ResourceLimits, StepProcess } from './executor.js';
import type { HostExecutorOptions } from './host-executor.js';
import { controllersFor, createJobCgroup, type JobCgroup } from './job-cgroup.js';
import { probeBwrap } from './probe-bwrap.js';
import { ETC_ENTRIES, readSystemLayout } from './sandbox-layout.js';
import { shellCommand } from './shell-command.js';
import { listGroupMembers, signalGroupMembers } from './signal-group-members.js';
import { spawnStep } from './spawn-step.js';
import { signalGroup } from './terminate-group.js';

export interface SandboxExecutorOptions extends HostExecutorOptions {
  /** The bubblewrap binary. Default `bwrap` (looked up in PATH). */
  bwrapPath?: string;
  /** Network for jobs that do not say (`ExecutorJob.network`). Default false: loopback only. */
  network?: boolean;
  /** Limits for jobs that set none (`ExecutorJob.limits`). Default: none. */
  limits?: ResourceLimits;
  /** Where cgroup hierarchies are mounted. Default `/sys/fs/cgroup`. */
  cgroupRoot?: string;
  /** More host paths steps may read (toolchains under /opt, ...). */
  readOnlyPaths?: string[];
}

interface SandboxJob {
  cgroup?: JobCgroup;
  groups: Set<number>;
}

/**
 * Runs each step in a bubblewrap sandbox: its own pid, mount, ipc and uts namespaces, no network
 * unless the job allows it, the system read-only and only the workspace and the job's temp dir
 * writable. Memory, CPU and pids limits go through a child cgroup (v1 or v2) that every step process
 * joins before bwrap starts. Each step gets a fresh /tmp; `$HOME` is a private directory kept for the
 * job. Background processes end with their step (the pid namespace goes away with it).
 */
export function createSandboxExecutor(options: SandboxExecutorOptions = {}): Executor {
  const bwrap = options.bwrapPath ?? 'bwrap';
  const killGraceMs = options.killGraceMs ?? 10_000;
  const drainMs = options.drainMs ?? 1000;
  const jobs = new Map<string, SandboxJob>();
  let ready: Promise<SystemEntry[]> | undefined;
  const prepare = async (): Promise<SystemEntry[]> => {
    const system = await readSystemLayout();
    await probeBwrap(bwrap, [...sandboxArgs(system, options), '--', 'true']);
    return system;
  };

  return {
    name: 'sandbox',

    async setup(job, signal) {
      signal.throwIfAborted();
      // A failed probe is retried by the next job (bwrap may get installed meanwhile).
      ready ??= prepare().catch((e: unknown) => {
        ready = undefined;
        throw toError(e);
      });
      await ready;
      await mkdir(job.workspace, { recursive: true });
      await mkdir(join(job.tempDir, 'home'), { recursive: true });
      const state: SandboxJob = { groups: new Set() };
      const limits = job.limits ?? options.limits ?? {};
      if (controllersFor(limits).length > 0) {
        const layout = await detectCgroups(options.cgroupRoot);
        if (layout === undefined) {
          throw new RitmoError('ERR_RUNNER_CGROUP_UNAVAILABLE', `The job has limits, but no cgroup hierarchy is mounted under ${options.cgroupRoot ?? '/sys/fs/cgroup'}`, {
            details: { limits, cgroupRoot: options.cgroupRoot ?? '/sys/fs/cgroup' },
          });
        }
        state.cgroup = await createJobCgroup(layout, cgroupName(job.id), limits);
      }
      jobs.set(job.id, state);
    },

    async start(job, step, signal) {
      signal.throwIfAborted();
      const system = await (ready ??= prepare());
      const state = jobs.get(job.id) ?? { groups: new Set<number>() };
      jobs.set(job.id, state);
      const shell = shellCommand(step.shell, join(job.tempDir, `step-${step.index}`));
      const dir = await stat(step.workingDirectory).catch(() => undefined);
      if (!dir?.isDirectory()) {
        throw new RitmoError('ERR_RUNNER_SPAWN_FAILED', `Working directory does not exist: ${step.workingDirectory}`, {
          details: { workingDirectory: step.workingDirectory },
        });
      }
      await writeFile(shell.scriptPath, step.script, { mode: 0o700 });
      const sandboxed = [bwrap, ...sandboxArgs(system, options, job, step), '--', shell.command, ...shell.args];
      const [command, ...args] = state.cgroup === undefined ? sandboxed : joinCgroup(state.cgroup.procsFiles, sandboxed);
      const proc = await spawnStep({ command: command!, args, cwd: step.workingDirectory, env: step.env, drainMs, killGraceMs });
      if (proc.pid !== undefined) state.groups.add(proc.pid);
      return withGracefulTerm(proc);
    },

    async destroy(job) {
      const state = jobs.get(job.id);
      jobs.delete(job.id);
      if (state === undefined) return;
      await Promise.all([...state.groups].map((pgid) => stopSandbox(pgid, killGraceMs)));
      await state.cgroup?.destroy();
    },
  };
}

/** The bwrap options for `job`'s step (or, without a job, for the setup probe). */
function sandboxArgs(system: SystemEntry[], options: SandboxExecutorOptions, job?: ExecutorJob, step?: ExecutorStep): string[] {
  const input: BwrapArgsInput = {
    system,
    etc: [...ETC_ENTRIES],
    readOnly: options.readOnlyPaths ?? [],
    writable: job === undefined ? [] : [job.workspace, job.tempDir],
    network: job?.network ?? options.network ?? false,
    dropCapabilities: process.getuid?.() === 0,
  };
  if (job === undefined || step === undefined) return bwrapArgs(input);
  input.chdir = step.workingDirectory;
  const home = step.env.HOME;
  // A home inside a read-only system directory cannot get a mount point; it stays read-only.
  if (home !== undefined && isAbsolute(home) && home !== '/' && !system.some((s) => home === s.path || home.startsWith(`${s.path}/`))) {
    input.home = { source: join(job.tempDir, 'home'), target: home };
  }
  return bwrapArgs(input);
}

/**
 * Wraps the command in `sh`, which writes its own pid into each cgroup before exec'ing it, so the
 * step and everything it starts are inside the limits from their first instruction.
 */
function joinCgroup(procsFiles: string[], command: string[]): string[] {
  const script = 'n=$1; shift; while [ "$n" -gt 0 ]; do echo $$ > "$1" || exit 125; shift; n=$((n - 1)); done; exec "$@"';
  return ['/bin/sh', '-c', script, 'ritmo-cgroup', String(procsFiles.length), ...procsFiles, ...command];
}

/**
 * bwrap (the group leader) dies on SIGTERM and takes the sandbox with it at once; SIGTERM and SIGINT
 * go to the processes inside instead, so a step that traps them gets its grace period. SIGKILL
 * still goes to the whole group.
 */
function withGracefulTerm(proc: StepProcess): StepProcess {
  const leader = proc.pid;
  if (leader === undefined) return proc;
  return {
    pid: leader,
    stdout: proc.stdout,
    stderr: proc.stderr,
    wait: () => proc.wait(),
    kill: (signal) => {
      if (signal === 'SIGKILL') proc.kill(signal);
      else signalGroupMembers(leader, signal, leader);
    },
  };
}

/** SIGTERM to the processes inside the sandbox, SIGKILL to all of it once `graceMs` passed. Never throws. */
async function stopSandbox(pgid: number, graceMs: number): Promise<void> {
  try {
    if (listGroupMembers(pgid).length === 0) return;
    signalGroupMembers(pgid, 'SIGTERM', pgid);
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline && listGroupMembers(pgid).length > 0) await sleep(50);
    if (listGroupMembers(pgid).length > 0) signalGroup(pgid, 'SIGKILL');
  } catch {
    // EPERM and the like: not ours to kill any more
  }
}

function cgroupName(jobId: string): string {
  const safe = jobId.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 64) || 'job';
  return `${safe}-${randomBytes(4).toString('hex')}`;
}
