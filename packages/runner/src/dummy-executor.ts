import { appendFile } from 'node:fs/promises';
import { constants } from 'node:os';
import { createChunkQueue } from './chunk-queue.js';
import type { Executor, ExecutorStep, KillSignal, StepExit, StepProcess } from './executor.js';

/**
 * Runs no process. Each step behaves as its env says, so tests and e2e scenarios can script jobs:
 * - `DUMMY_LINES`: print `line 1` ... `line N` on stdout
 * - `DUMMY_OUTPUT` / `DUMMY_STDERR`: print this text on stdout / stderr
 * - `DUMMY_RITMO_OUTPUT`: append this text to the `$RITMO_OUTPUT` file (step outputs)
 * - `DUMMY_SLEEP_MS`: then wait this long (cut short by a kill)
 * - `DUMMY_EXIT_CODE`: then exit with this code (default 0)
 * - `DUMMY_IGNORE_TERM=true`: only SIGKILL ends the step, like a process that traps SIGTERM
 */
export function createDummyExecutor(): Executor {
  return {
    name: 'dummy',
    async setup() {},
    async start(_job, step) {
      return startDummyStep(step);
    },
    async destroy() {},
  };
}

function startDummyStep(step: ExecutorStep): StepProcess {
  const env = step.env;
  const stdout = createChunkQueue();
  const stderr = createChunkQueue();
  let killedBy: KillSignal | undefined;
  let finished = false;
  let interrupt: (() => void) | undefined;

  const run = async (): Promise<StepExit> => {
    const lines = Number(env.DUMMY_LINES ?? 0);
    for (let i = 1; i <= lines; i++) stdout.push(Buffer.from(`line ${i}\n`));
    if (env.DUMMY_OUTPUT) stdout.push(Buffer.from(withNewline(env.DUMMY_OUTPUT)));
    if (env.DUMMY_STDERR) stderr.push(Buffer.from(withNewline(env.DUMMY_STDERR)));
    if (env.DUMMY_RITMO_OUTPUT && env.RITMO_OUTPUT) {
      await appendFile(env.RITMO_OUTPUT, withNewline(env.DUMMY_RITMO_OUTPUT));
    }
    const sleepMs = Number(env.DUMMY_SLEEP_MS ?? 0);
    if (sleepMs > 0 && killedBy === undefined) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, sleepMs);
        interrupt = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    finished = true;
    stdout.end();
    stderr.end();
    if (killedBy !== undefined) return { exitCode: 128 + constants.signals[killedBy], signal: killedBy };
    return { exitCode: Number(env.DUMMY_EXIT_CODE ?? 0) || 0 };
  };
  const done = run();

  return {
    stdout,
    stderr,
    wait: () => done,
    kill(signal) {
      if (killedBy !== undefined || finished) return;
      if (signal === 'SIGTERM' && env.DUMMY_IGNORE_TERM === 'true') return;
      killedBy = signal;
      interrupt?.();
    },
  };
}

function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
