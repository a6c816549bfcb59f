import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Docker from 'dockerode';
import { isRitmoError, RitmoError, toError } from '@ritmo/shared';
import { createDockerJob, removeDockerJob, type DockerJobResources } from './docker-job.js';
import { containerEnv } from './docker-resources.js';
import { defaultShellCommand, startDockerStep, stepCommand } from './docker-step.js';
import { ensureImage, type PullPolicy } from './ensure-image.js';
import type { Executor, ResourceLimits } from './executor.js';
import { shellCommand } from './shell-command.js';

export interface DockerExecutorOptions {
  /** The Docker Engine API client. Default: from DOCKER_HOST, else /var/run/docker.sock. */
  docker?: Docker;
  /** Goes into the `ritmo.agent` label, so `sweepDocker` can find this agent's leftovers. Default `local`. */
  agentId?: string;
  /** Image for jobs without `image:`. Default `debian:bookworm-slim`. */
  defaultImage?: string;
  /** When to pull job and service images. Default `missing`. */
  pull?: PullPolicy;
  /** Network for jobs that do not say (`ExecutorJob.network`). Default true; off = loopback only, services shared in. */
  network?: boolean;
  /** Limits for jobs that set none, applied to each container of the job. */
  limits?: ResourceLimits;
}

/**
 * Runs each job in its own container (its `image:`), kept alive between steps; steps run through
 * `docker exec`. Services run as sibling containers on a per-job network, reachable by their names.
 * The workspace and the job's temp dir are bind-mounted at their host paths, so the docker host must
 * be this machine. Everything created carries `ritmo.*` labels; destroy removes it and `sweepDocker`
 * removes what a crashed agent left.
 */
export function createDockerExecutor(options: DockerExecutorOptions = {}): Executor {
  const docker = options.docker ?? new Docker();
  const agentId = options.agentId ?? 'local';
  const pull = options.pull ?? 'missing';
  const jobs = new Map<string, DockerJobResources>();

  return {
    name: 'docker',

    async setup(job, signal) {
      const resources: DockerJobResources = { containerIds: [] };
      jobs.set(job.id, resources);
      await mkdir(job.workspace, { recursive: true });
      await mkdir(job.tempDir, { recursive: true });
      const image = job.image ?? options.defaultImage ?? 'debian:bookworm-slim';
      try {
        for (const name of new Set([image, ...job.services.map((s) => s.image)])) await ensureImage(docker, name, pull, signal);
        const limits = job.limits ?? options.limits;
        await createDockerJob({
          docker,
          agentId,
          job,
          image,
          network: job.network ?? options.network ?? true,
          resources,
          signal,
          ...(limits === undefined ? {} : { limits }),
        });
      } catch (e: unknown) {
        if (isRitmoError(e) || signal.aborted) throw toError(e);
        const error = toError(e);
        throw new RitmoError('ERR_RUNNER_DOCKER_UNAVAILABLE', `Cannot set up the job's containers: ${error.message}`, {
          details: { image, services: job.services.map((s) => s.name) },
          cause: error,
        });
      }
    },

    async start(job, step, signal) {
      signal.throwIfAborted();
      const container = jobs.get(job.id)?.container;
      if (container === undefined) {
        throw new RitmoError('ERR_RUNNER_SPAWN_FAILED', `Job "${job.name}" has no container (setup did not run or failed)`, {
          details: { jobId: job.id },
        });
      }
      const dir = await stat(step.workingDirectory).catch(() => undefined);
      if (!dir?.isDirectory()) {
        throw new RitmoError('ERR_RUNNER_SPAWN_FAILED', `Working directory does not exist: ${step.workingDirectory}`, {
          details: { workingDirectory: step.workingDirectory },
        });
      }
      const base = join(job.tempDir, `step-${step.index}`);
      const pidFile = `${base}.pid`;
      const shell = step.shell === undefined ? undefined : shellCommand(step.shell, base);
      const scriptPath = shell?.scriptPath ?? `${base}.sh`;
      await writeFile(scriptPath, step.script, { mode: 0o755 });
      return startDockerStep(container, {
        cmd: shell === undefined ? defaultShellCommand(pidFile, scriptPath) : stepCommand(pidFile, [shell.command, ...shell.args]),
        env: containerEnv(step.env),
        workingDirectory: step.workingDirectory,
        pidFile,
      });
    },

    async destroy(job) {
      const resources = jobs.get(job.id);
      jobs.delete(job.id);
      if (resources !== undefined) await removeDockerJob(docker, resources);
    },
  };
}
