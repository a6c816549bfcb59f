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
        publish(topic, event) {
          // Before the hub's own (asynchronous) publishing: once the change's publish call returned, its reactions are queued.
          if (topic === GLOBAL_TOPIC && (event.type === 'build.created' || event.type === 'build.finished')) listener?.(event);
          return hub.publish(topic, event);
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
