import { toError, type Logger } from '@ritmo/shared';

export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/** setTimeout as a promise that also ends (without error) when the signal aborts. */
export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * Runs `sweep` every `intervalMs` until `signal` aborts; a failed pass is logged and the loop goes on.
 * Resolves once the loop stopped (after the pass in flight, if any).
 */
export async function runLeaseSweeper(deps: { sweep: () => Promise<unknown>; intervalMs: number; signal: AbortSignal; logger: Logger; sleep?: Sleep }): Promise<void> {
  const wait = deps.sleep ?? sleep;
  while (!deps.signal.aborted) {
    try {
      await deps.sweep();
    } catch (e: unknown) {
      if (!deps.signal.aborted) deps.logger.error({ err: toError(e) }, 'lease sweep failed');
    }
    await wait(deps.intervalMs, deps.signal);
  }
}
