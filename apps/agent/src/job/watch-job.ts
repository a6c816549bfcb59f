import type { Logger } from '@ritmo/shared';
import { backoffDelay, sleep } from '../backoff.js';
import type { CallResult } from '../client/create-agent-client.js';

/**
 * Keeps a watch request open on the server while the job runs; when the server says the job must
 * stop (canceled, lost, taken over), `onCancel` runs at once. Ends when `signal` aborts.
 */
export async function watchJob(options: {
  watch: (waitMs: number, signal: AbortSignal) => Promise<CallResult<{ cancel: boolean; reason: string | null }>>;
  waitMs: number;
  signal: AbortSignal;
  logger: Logger;
  onCancel: (reason: string) => void;
}): Promise<void> {
  let failures = 0;
  while (!options.signal.aborted) {
    const result = await options.watch(options.waitMs, options.signal);
    if (result.ok) {
      failures = 0;
      if (result.value.cancel) {
        options.onCancel(result.value.reason ?? 'canceled');
        return;
      }
      continue;
    }
    if (result.error.kind === 'aborted') return;
    if (result.error.kind === 'rejected') options.logger.warn({ code: result.error.code, message: result.error.message }, 'job watch refused');
    await sleep(backoffDelay(failures++), options.signal);
  }
}
