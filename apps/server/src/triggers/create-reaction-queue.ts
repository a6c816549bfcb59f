import { toError, type Logger } from '@ritmo/shared';

/**
 * Runs background reactions to build events: one after another per build (so a build's commit
 * statuses reach the forge in order), tracked so that shutdown and tests can wait for them. A
 * failing reaction is logged, never thrown.
 */
export function createReactionQueue(logger: Logger) {
  const chains = new Map<string, Promise<void>>();
  return {
    add(key: string, what: string, fn: () => Promise<unknown>): void {
      const run = async (): Promise<void> => {
        try {
          await fn();
        } catch (e: unknown) {
          logger.warn({ err: toError(e), buildId: key }, `${what} failed`);
        }
      };
      const next = (chains.get(key) ?? Promise.resolve()).then(run);
      chains.set(key, next);
      void next.then(() => {
        if (chains.get(key) === next) chains.delete(key);
      });
    },
    /** Resolves once every reaction queued so far (and any they queued) has run. */
    async idle(): Promise<void> {
      while (chains.size > 0) await Promise.all([...chains.values()]);
    },
  };
}
