import { execFile } from 'node:child_process';
import { RitmoError } from '@ritmo/shared';

/** Runs git with a fixed identity and no prompts; ERR_PLUGIN_DEPLOY_FAILED with git's stderr when it fails. */
export function runGit(args: string[], cwd: string, signal: AbortSignal): Promise<string> {
  const env = {
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: 'Ritmo',
    GIT_AUTHOR_EMAIL: 'ritmo@localhost',
    GIT_COMMITTER_NAME: 'Ritmo',
    GIT_COMMITTER_EMAIL: 'ritmo@localhost',
  };
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, env, signal, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new RitmoError('ERR_PLUGIN_DEPLOY_FAILED', `git ${args[0] ?? ''} failed: ${String(stderr).trim() || error.message}`, { cause: error }));
      else resolve(String(stdout));
    });
  });
}
