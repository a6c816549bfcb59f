import { GLOBAL_TOPIC, type EventHub } from '../events/event-hub.js';

/**
 * Wraps the event hub so every "job queued" event published on a build topic is also published on
 * the global topic, where the dispatcher of every server instance listens (through LISTEN/NOTIFY on
 * PostgreSQL). Global streams show only build.created and build.finished, so clients never see these.
 */
export function withQueueSignals(hub: EventHub): EventHub {
  return {
    async publish(topic, event) {
      await hub.publish(topic, event);
      if (topic !== GLOBAL_TOPIC && event.type === 'job.status' && event.status === 'queued') await hub.publish(GLOBAL_TOPIC, event);
    },
    subscribe: (topic, listener) => hub.subscribe(topic, listener),
    close: () => hub.close(),
  };
}
