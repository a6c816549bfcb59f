import { execFile } from 'node:child_process';
import { RitmoError } from '@ritmo/shared';

export interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** Runs git without a terminal or credential prompts, limited to ordinary transport protocols. */
export function runGit(
  args: string[],
  options: { cwd?: string; signal?: AbortSignal; timeoutMs?: number; /** Extra variables (credentials as GIT_CONFIG_*, GIT_SSH_COMMAND). */ env?: Record<string, string> } = {},
): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      {
        cwd: options.cwd,
        signal: options.signal,
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 16 * 1024 * 1024,
        env: {
          ...process.env,
          GIT_TERMINAL_PROMPT: '0',
          GIT_ALLOW_PROTOCOL: 'file:git:http:https:ssh',
          GIT_CONFIG_NOSYSTEM: '1',
          LC_ALL: 'C',
          ...options.env,
        },
      },
      (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(new RitmoError('ERR_API_REPO_UNAVAILABLE', 'git is not installed on the server', { cause: error }));
          return;
        }
        if (error && options.signal?.aborted) {
          reject(new RitmoError('ERR_ABORTED', 'git was aborted', { cause: error }));
          return;
        }
        resolve({ ok: !error, stdout, stderr });
      },
    );
  });
}
