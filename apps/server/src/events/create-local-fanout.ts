import { toError, type Logger } from '@ritmo/shared';
import type { LiveEvent } from '@ritmo/protocol';
import type { EventListener, Topic } from './event-hub.js';

/** The subscriber table both hubs share: topic -> listeners, with failures of one listener contained. */
export function createLocalFanout(logger: Logger) {
  const listeners = new Map<Topic, Set<EventListener>>();
  return {
    deliver(topic: Topic, event: LiveEvent): void {
      for (const listener of listeners.get(topic) ?? []) {
        try {
          listener(event);
        } catch (e: unknown) {
          logger.error({ err: toError(e), topic }, 'event listener failed');
        }
      }
    },
    subscribe(topic: Topic, listener: EventListener): () => void {
      let set = listeners.get(topic);
      if (!set) listeners.set(topic, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(topic);
      };
    },
    clear(): void {
      listeners.clear();
    },
  };
}
