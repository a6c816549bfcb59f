import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { RitmoError, toError } from '@ritmo/shared';
import type { StepExit, StepProcess } from './executor.js';
import { signalGroup, terminateGroup } from './terminate-group.js';
import { readChunks } from './read-chunks.js';
import { settleWithin } from './settle-within.js';

export interface SpawnStepOptions {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** After the leader exits, how long other processes may keep the output pipes open. */
  drainMs: number;
  /** SIGTERM-to-SIGKILL grace used when lingering processes get killed after `drainMs`. */
  killGraceMs: number;
}

/**
 * Starts a command as the leader of a new process group (detached: setsid), so the whole tree it
 * starts can be signalled at once through the negative pid.
 */
export async function spawnStep(options: SpawnStepOptions): Promise<StepProcess> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<StepExit>((resolve) => {
    child.once('exit', (code, signal) => resolve(toStepExit(code, signal)));
  });
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (e) =>
      reject(
        new RitmoError('ERR_RUNNER_SPAWN_FAILED', `Cannot start "${options.command}": ${e.message}`, {
          details: { command: options.command, cwd: options.cwd },
          cause: e,
        }),
      ),
    );
  });
  child.on('error', () => {}); // later errors (none expected after spawn) must not crash the runner
  const pgid = child.pid!;
  const abandon = new AbortController();

  // The leader is done; output ends when every writer of the pipes is gone. Background processes
  // that still hold them are the step's leftovers: kill their group so the step can end.
  const finish = async (): Promise<StepExit> => {
    const exit = await exited;
    if (!(await settleWithin(closed, options.drainMs))) {
      await terminateGroup(pgid, options.killGraceMs);
      if (!(await settleWithin(closed, 1000))) {
        // Something escaped the group (setsid) and still holds a pipe: stop reading.
        abandon.abort();
        child.stdout.destroy();
        child.stderr.destroy();
      }
    }
    return exit;
  };
  let waiting: Promise<StepExit> | undefined;

  return {
    pid: pgid,
    stdout: readChunks(child.stdout, abandon.signal),
    stderr: readChunks(child.stderr, abandon.signal),
    wait: () => (waiting ??= finish()),
    kill: (signal) => {
      try {
        signalGroup(pgid, signal);
      } catch (e: unknown) {
        throw new RitmoError('ERR_INTERNAL', `Cannot signal step process group ${pgid}`, { cause: toError(e) });
      }
    },
  };
}

function toStepExit(code: number | null, signal: NodeJS.Signals | null): StepExit {
  if (signal !== null) return { exitCode: 128 + (constants.signals[signal] ?? 0), signal };
  return { exitCode: code ?? 1 };
}
