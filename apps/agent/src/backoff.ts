/** Delay before retry number `failures` (0-based): 200 ms doubling up to `maxMs`, with ±20% jitter. */
export function backoffDelay(failures: number, maxMs = 5_000): number {
  const base = Math.min(maxMs, 200 * 2 ** Math.min(failures, 16));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** Resolves after `ms`, or at once (without error) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
