import type { Logger } from '@ritmo/shared';
import { createLocalFanout } from './create-local-fanout.js';
import type { EventHub } from './event-hub.js';

/** The hub of a single server instance (SQLite). */
export function createInProcessHub(deps: { logger: Logger }): EventHub {
  const fanout = createLocalFanout(deps.logger);
  return {
    publish: async (topic, event) => fanout.deliver(topic, event),
    subscribe: (topic, listener) => fanout.subscribe(topic, listener),
    close: async () => fanout.clear(),
  };
}
