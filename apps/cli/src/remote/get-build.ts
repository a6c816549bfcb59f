import type { BuildDetail, RitmoClient } from '@ritmo/client';
import { RitmoError } from '@ritmo/shared';

const BY_NUMBER = /^(.+)#(\d+)$/;

/**
 * A build with its jobs, named by its id (`b_…`) or as `PROJECT#NUMBER` (`web#42`), the way
 * `ritmo builds` and `ritmo trigger` print it.
 */
export async function getBuild(client: RitmoClient, ref: string, signal?: AbortSignal): Promise<BuildDetail> {
  const trimmed = ref.trim();
  const m = BY_NUMBER.exec(trimmed);
  if (m?.[1] !== undefined && m[2] !== undefined) return client.builds.getByNumber(m[1], Number(m[2]), signal);
  if (trimmed === '' || trimmed.includes('#')) {
    throw new RitmoError('ERR_CLI_USAGE', `"${ref}" is not a build: give its id (b_…) or PROJECT#NUMBER`, { suggestions: ['ritmo builds --project P lists them'] });
  }
  return client.builds.get(trimmed, signal);
}
