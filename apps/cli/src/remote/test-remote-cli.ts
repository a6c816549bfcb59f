import type { CliDeps } from '../cli-deps.js';
import { runCli } from '../run-cli.js';
import type { CliRun } from '../test-cli.js';

/** Test support: `ritmo` running in-process, whose output can be watched while it runs and which Ctrl-C (abort) stops. */
export interface RunningCli {
  stdout(): string;
  stderr(): string;
  /** Aborts the command's signal, as Ctrl-C does. */
  interrupt(): void;
  /** Resolves once stdout matches; rejects with the output so far after `ms`. */
  waitForOutput(pattern: RegExp, ms?: number): Promise<void>;
  result: Promise<CliRun>;
}

export interface RemoteCliOptions {
  env?: Record<string, string>;
  isTTY?: boolean;
  cwd?: string;
}

export function startRitmo(argv: string[], options: RemoteCliOptions = {}): RunningCli {
  let stdout = '';
  let stderr = '';
  const controller = new AbortController();
  const deps: CliDeps = {
    stdout: { write: (text: string) => (stdout += text), isTTY: options.isTTY ?? false },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: options.cwd ?? process.cwd(),
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ...options.env },
    signal: controller.signal,
  };
  const result = runCli(argv, deps).then((code) => ({ code, stdout, stderr }));
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    interrupt: () => controller.abort(new Error('interrupted')),
    async waitForOutput(pattern, ms = 30_000) {
      const until = Date.now() + ms;
      while (!pattern.test(stdout)) {
        if (Date.now() > until) throw new Error(`no ${String(pattern)} in the output:\n${stdout}\n${stderr}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    result,
  };
}

/** Runs `ritmo <argv>` in-process to the end. */
export const ritmo = (argv: string[], options: RemoteCliOptions = {}): Promise<CliRun> => startRitmo(argv, options).result;
