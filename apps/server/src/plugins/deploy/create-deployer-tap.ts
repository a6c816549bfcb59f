import { toError, type Logger } from '@ritmo/shared';
import type { EventHub } from '../../events/event-hub.js';

/**
 * Sees the `job.status` events this instance publishes and calls `onRunning` for each job that
 * starts running (each change reaches the tap of the one instance that made it). The work is
 * queued; a failure is logged and never reaches the publisher.
 */
export function createDeployerTap(deps: { logger: Logger; onRunning: (jobId: string) => Promise<unknown> }) {
  const pending = new Set<Promise<unknown>>();
  return {
    wrap(hub: EventHub): EventHub {
      return {
        publish(topic, event) {
          if (event.type === 'job.status' && event.status === 'running') {
            const work = deps.onRunning(event.jobId).catch((e: unknown) => deps.logger.error({ err: toError(e), jobId: event.jobId }, 'the environment deployer failed'));
            pending.add(work);
            void work.finally(() => pending.delete(work));
          }
          return hub.publish(topic, event);
        },
        subscribe: (topic, fn) => hub.subscribe(topic, fn),
        close: () => hub.close(),
      };
    },
    /** Resolves when no deployer runs (tests, shutdown). */
    async idle(): Promise<void> {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
