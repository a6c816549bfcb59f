import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RitmoError } from '@ritmo/shared';
import type { Executor, ExecutorJob } from './executor.js';
import { isGroupAlive, terminateGroup } from './terminate-group.js';
import { shellCommand } from './shell-command.js';
import { spawnStep } from './spawn-step.js';

export interface HostExecutorOptions {
  /** SIGTERM-to-SIGKILL grace when leftover processes are killed. Default 10 s. */
  killGraceMs?: number;
  /**
   * After a step's shell exits, how long processes it left in the background may keep its output
   * open before they are killed so the step can end. Default 1 s. Background processes that do not
   * hold the step's output (`server > log 2>&1 &`) live on until the job ends.
   */
  drainMs?: number;
}

/**
 * Runs each step as a script file on this machine, in its own process group. No isolation: the
 * step runs with the runner's user and sees the machine.
 */
export function createHostExecutor(options: HostExecutorOptions = {}): Executor {
  const killGraceMs = options.killGraceMs ?? 10_000;
  const drainMs = options.drainMs ?? 1000;
  /** Process groups started per job, killed in destroy(). */
  const groups = new Map<string, Set<number>>();

  return {
    name: 'host',

    async setup(job: ExecutorJob) {
      await mkdir(job.workspace, { recursive: true });
      await mkdir(job.tempDir, { recursive: true });
      groups.set(job.id, new Set());
    },

    async start(job, step, signal) {
      signal.throwIfAborted();
      const shell = shellCommand(step.shell, join(job.tempDir, `step-${step.index}`));
      const dir = await stat(step.workingDirectory).catch(() => undefined);
      if (!dir?.isDirectory()) {
        throw new RitmoError('ERR_RUNNER_SPAWN_FAILED', `Working directory does not exist: ${step.workingDirectory}`, {
          details: { workingDirectory: step.workingDirectory },
        });
      }
      await writeFile(shell.scriptPath, step.script, { mode: 0o700 });
      const proc = await spawnStep({
        command: shell.command,
        args: shell.args,
        cwd: step.workingDirectory,
        env: step.env,
        drainMs,
        killGraceMs,
      });
      if (proc.pid !== undefined) {
        const set = groups.get(job.id) ?? new Set<number>();
        set.add(proc.pid);
        groups.set(job.id, set);
      }
      return proc;
    },

    async destroy(job) {
      const set = groups.get(job.id);
      groups.delete(job.id);
      if (set === undefined) return;
      // Never throws: a group that cannot be signalled is one we can do nothing more about.
      const stop = async (pgid: number): Promise<void> => {
        try {
          if (isGroupAlive(pgid)) await terminateGroup(pgid, killGraceMs);
        } catch {
          // EPERM and the like: not ours to kill any more
        }
      };
      await Promise.all([...set].map(stop));
    },
  };
}
