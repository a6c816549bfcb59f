/**
 * Resolves after `ms`, when `signal` aborts, or when `wake` is called, whichever comes first, and
 * says which. A wake that came before the wait started counts (the flag stays set until `take`).
 */
export interface WakeFlag {
  wake(): void;
  /** True once (and resets) if a wake came since the last take. */
  take(): boolean;
  wait(ms: number, signal: AbortSignal): Promise<'woken' | 'timeout' | 'aborted'>;
}

export function createWakeFlag(): WakeFlag {
  let pending = false;
  let resolveWait: ((why: 'woken') => void) | undefined;
  return {
    wake() {
      pending = true;
      resolveWait?.('woken');
    },
    take() {
      const was = pending;
      pending = false;
      return was;
    },
    wait(ms, signal) {
      if (signal.aborted) return Promise.resolve('aborted');
      if (pending) return Promise.resolve('woken');
      return new Promise((resolve) => {
        const done = (why: 'woken' | 'timeout' | 'aborted'): void => {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          resolveWait = undefined;
          resolve(why);
        };
        const onAbort = (): void => done('aborted');
        const timer = setTimeout(() => done('timeout'), Math.max(0, ms));
        signal.addEventListener('abort', onAbort, { once: true });
        resolveWait = done;
      });
    },
  };
}
