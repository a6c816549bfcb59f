import type { LiveEvent } from '@ritmo/protocol';

/** Topics: `build:<id>` for one build's events, `global` for build.created and build.finished. */
export type Topic = `build:${string}` | 'global';

export const buildTopic = (buildId: string): Topic => `build:${buildId}`;
export const GLOBAL_TOPIC: Topic = 'global';

export type EventListener = (event: LiveEvent) => void;

/**
 * Fans live events out to subscribers. In process on SQLite; across server instances on PostgreSQL
 * (LISTEN/NOTIFY). Delivery is best effort and at most once: streams re-read state from the store on
 * (re)connect and fill log gaps from it, so a missed event costs latency, never data.
 */
export interface EventHub {
  publish(topic: Topic, event: LiveEvent): Promise<void>;
  /** Returns the function that unsubscribes. */
  subscribe(topic: Topic, listener: EventListener): () => void;
  close(): Promise<void>;
}
