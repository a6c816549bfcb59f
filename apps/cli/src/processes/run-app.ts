import { spawn } from 'node:child_process';
import { toError } from '@ritmo/shared';
import type { CliDeps } from '../cli-deps.js';
import { appEntry, type AppName } from './app-entry.js';

export interface RunAppOptions {
  name: AppName;
  args?: string[];
  env?: Record<string, string>;
}

/**
 * Runs a Ritmo app (server, agent) as a child process with the terminal's stdio, until it exits.
 * Aborting `deps.signal` sends it SIGTERM (its graceful shutdown). Resolves to its exit code.
 */
export async function runApp(options: RunAppOptions, deps: CliDeps): Promise<number> {
  const entry = appEntry(options.name, deps.env);
  const child = spawn(process.execPath, [entry, ...(options.args ?? [])], {
    cwd: deps.cwd,
    env: { ...deps.env, ...options.env },
    stdio: 'inherit',
  });
  const stop = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  deps.signal.addEventListener('abort', stop, { once: true });
  try {
    return await new Promise<number>((resolve, reject) => {
      child.once('error', (e: unknown) => reject(toError(e)));
      child.once('exit', (code, signal) => resolve(code ?? (signal === 'SIGTERM' || signal === 'SIGINT' ? 0 : 1)));
    });
  } finally {
    deps.signal.removeEventListener('abort', stop);
  }
}
