import { execFile } from 'node:child_process';
import { RitmoError } from '@ritmo/shared';

/**
 * Runs bubblewrap once with `args` (a sandbox around a trivial command) to learn whether it is
 * installed and allowed to create namespaces here. Throws ERR_RUNNER_SANDBOX_UNAVAILABLE otherwise.
 */
export async function probeBwrap(bwrap: string, args: string[]): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    execFile(bwrap, args, { env: { PATH: '/usr/bin:/bin' }, timeout: 15_000 }, (error, _stdout, stderr) => {
      if (error === null) return resolve();
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      const message = missing
        ? `bubblewrap is not installed: "${bwrap}" was not found`
        : `bubblewrap cannot create a sandbox here: ${String(stderr).trim() || error.message}`;
      reject(
        new RitmoError('ERR_RUNNER_SANDBOX_UNAVAILABLE', message, {
          details: { bwrap },
          suggestions: missing ? ['Install it (Debian/Ubuntu: apt-get install bubblewrap) or pass its path as bwrapPath.'] : [],
          cause: error,
        }),
      );
    });
  });
}
