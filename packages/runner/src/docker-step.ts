import { PassThrough, type Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type Docker from 'dockerode';
import { RitmoError, toError } from '@ritmo/shared';
import type { KillSignal, StepExit, StepProcess } from './executor.js';
import { demuxDockerStream } from './demux-docker-stream.js';
import { readChunks } from './read-chunks.js';

export interface DockerStepOptions {
  /** The command; it must write its shell's pid into `pidFile` first (see `stepCommand`). */
  cmd: string[];
  env: string[];
  workingDirectory: string;
  /** Path, inside the container, of the file holding the step's pid (= its process group id). */
  pidFile: string;
}

/**
 * `sh -c` that records its pid, then execs the step. runc starts every exec'd process as a session
 * and group leader, so that pid names the step's whole process tree inside the container.
 */
export function stepCommand(pidFile: string, command: string[]): string[] {
  return ['sh', '-c', 'echo $$ > "$0"; exec "$@"', pidFile, ...command];
}

/**
 * The default shell in a container: bash (`-eo pipefail`) when the image has it, otherwise `sh -e`,
 * as GitHub Actions does for container jobs.
 */
export function defaultShellCommand(pidFile: string, scriptPath: string): string[] {
  const script = 'echo $$ > "$0"; if command -v bash >/dev/null 2>&1; then exec bash --noprofile --norc -eo pipefail "$1"; fi; exec sh -e "$1"';
  return ['sh', '-c', script, pidFile, scriptPath];
}

/** Runs one step through `docker exec` in the job container and hands back its demultiplexed output. */
export async function startDockerStep(container: Docker.Container, options: DockerStepOptions): Promise<StepProcess> {
  let exec: Docker.Exec;
  let stream: Duplex;
  try {
    exec = await container.exec({
      Cmd: options.cmd,
      Env: options.env,
      WorkingDir: options.workingDirectory,
      AttachStdin: false,
      AttachStdout: true,
      AttachStderr: true,
      Tty: false,
    });
    stream = (await exec.start({ hijack: true, stdin: false })) as Duplex;
  } catch (e: unknown) {
    const error = toError(e);
    throw new RitmoError('ERR_RUNNER_SPAWN_FAILED', `Cannot start the step in container ${container.id.slice(0, 12)}: ${error.message}`, {
      details: { container: container.id },
      cause: error,
    });
  }
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const ended = demuxDockerStream(stream, stdout, stderr);
  const notAbandoned = new AbortController().signal;
  let waiting: Promise<StepExit> | undefined;

  return {
    stdout: readChunks(stdout, notAbandoned),
    stderr: readChunks(stderr, notAbandoned),
    wait: () => (waiting ??= ended.then(() => exitOf(exec))),
    kill: (signal) => {
      void signalStep(container, options.pidFile, signal);
    },
  };
}

/**
 * The exec's exit code once it stopped running. Output can end before the process does (it closed
 * its stdout and stderr), so this polls. A container removed under the step counts as SIGKILL.
 */
async function exitOf(exec: Docker.Exec): Promise<StepExit> {
  for (;;) {
    let info: Docker.ExecInspectInfo;
    try {
      info = await exec.inspect();
    } catch {
      return { exitCode: 137, signal: 'SIGKILL' };
    }
    if (!info.Running && info.ExitCode !== null) return { exitCode: info.ExitCode };
    await sleep(50);
  }
}

/**
 * Signals the step's process group from a second exec. The pid file may not be written yet when a
 * kill follows the start closely, so the shell waits for it briefly. Errors are ignored: the
 * container or the step may be gone.
 */
async function signalStep(container: Docker.Container, pidFile: string, signal: KillSignal): Promise<void> {
  const name = signal.replace(/^SIG/, '');
  const script = `for i in 1 2 3 4 5 6 7 8 9 10; do [ -s "$0" ] && break; sleep 0.1; done; kill -${name} -$(cat "$0")`;
  try {
    const exec = await container.exec({ Cmd: ['sh', '-c', script, pidFile], AttachStdout: true, AttachStderr: true });
    const stream = (await exec.start({ hijack: true, stdin: false })) as Duplex;
    stream.resume();
    await new Promise<void>((resolve) => {
      stream.once('end', resolve);
      stream.once('close', resolve);
      stream.once('error', () => resolve());
    });
  } catch {
    // the container or the step is gone: nothing left to signal
  }
}
