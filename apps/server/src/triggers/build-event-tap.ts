import type { LiveEvent } from '@ritmo/protocol';
import { GLOBAL_TOPIC, type EventHub } from '../events/event-hub.js';

export type BuildEvent = Extract<LiveEvent, { type: 'build.created' | 'build.finished' }>;

/**
 * Sees the build.created and build.finished events this server instance publishes, as it publishes
 * them. Unlike a hub subscription (which on PostgreSQL hears every instance), each change reaches
 * exactly one tap: the one of the instance that made it, so reactions to it run once.
 */
export function createBuildEventTap() {
  let listener: ((event: BuildEvent) => void) | undefined;
  return {
    wrap(hub: EventHub): EventHub {
      return {
        async publish(topic, event) {
          await hub.publish(topic, event);
          if (topic === GLOBAL_TOPIC && (event.type === 'build.created' || event.type === 'build.finished')) listener?.(event);
        },
        subscribe: (topic, fn) => hub.subscribe(topic, fn),
        close: () => hub.close(),
      };
    },
    listen(fn: (event: BuildEvent) => void): void {
      listener = fn;
    },
  };
}

export type BuildEventTap = ReturnType<typeof createBuildEventTap>;
