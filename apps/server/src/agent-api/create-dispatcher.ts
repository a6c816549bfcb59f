import { toError, type Logger } from '@ritmo/shared';
import { GLOBAL_TOPIC, type EventHub } from '../events/event-hub.js';
import { createWakeFlag, type WakeFlag } from './wait-for-wake.js';

export interface Dispatcher {
  /** Registers an idle claim: its flag is raised whenever a job is queued anywhere. Call the returned function to leave. */
  join(): { flag: WakeFlag; leave: () => void };
  /** Raises every idle claim's flag (after this instance queued or released a job itself). */
  wakeAll(): void;
  /** Claims held right now on this instance. */
  readonly idle: number;
  close(): void;
}

/**
 * Wakes idle long-polls the moment a job is queued: the hub delivers "job queued" on the global topic
 * (in process on SQLite, LISTEN/NOTIFY on PostgreSQL, so a job queued through any instance wakes the
 * agents waiting on every instance). Woken claims race for the queue; the losers wait again.
 */
export function createDispatcher(deps: { hub: EventHub; logger: Logger }): Dispatcher {
  const flags = new Set<WakeFlag>();
  const wakeAll = (): void => {
    for (const flag of flags) flag.wake();
  };
  const unsubscribe = deps.hub.subscribe(GLOBAL_TOPIC, (event) => {
    if (event.type !== 'job.status' || event.status !== 'queued') return;
    try {
      wakeAll();
    } catch (e: unknown) {
      deps.logger.warn({ err: toError(e) }, 'could not wake idle agents');
    }
  });
  return {
    join() {
      const flag = createWakeFlag();
      flags.add(flag);
      return { flag, leave: () => flags.delete(flag) };
    },
    wakeAll,
    get idle() {
      return flags.size;
    },
    close() {
      unsubscribe();
      for (const flag of flags) flag.wake();
      flags.clear();
    },
  };
}
