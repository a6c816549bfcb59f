import pg from 'pg';
import type { LiveEvent } from '@ritmo/protocol';
import { toError, type Logger } from '@ritmo/shared';
import { createLocalFanout } from './create-local-fanout.js';
import type { EventHub, Topic } from './event-hub.js';
import { splitLogEvent } from './split-log-event.js';

const CHANNEL = 'ritmo_events';
/** NOTIFY payloads must stay under 8000 bytes; log text is split below this, leaving room for the JSON around it. */
const MAX_LOG_BYTES = 6000;
const MAX_PAYLOAD = 7900;
const RECONNECT_MS = 1000;

interface Message {
  t: Topic;
  e: LiveEvent;
}

/** Keeps a payload under the NOTIFY limit: log events are split, oversized build events lose their inputs. */
function payloads(topic: Topic, event: LiveEvent): string[] {
  const events = event.type === 'log.lines' ? splitLogEvent(event, MAX_LOG_BYTES) : [event];
  return events.map((e) => {
    const text = JSON.stringify({ t: topic, e } satisfies Message);
    if (Buffer.byteLength(text) <= MAX_PAYLOAD || !('build' in e)) return text;
    return JSON.stringify({ t: topic, e: { ...e, build: { ...e.build, inputs: {} } } } satisfies Message);
  });
}

/**
 * The hub for several server instances on one PostgreSQL: publish is NOTIFY (on one connection, so an
 * instance's events keep their order) and every instance, this one included, delivers what it hears
 * on its LISTEN connection. A dropped listener reconnects; streams fill what they missed from the store.
 * NOTIFYs go out one at a time through a queue (a pg client runs one query at a time), and a publisher
 * connection that failed is replaced on the next publish.
 */
export async function createPostgresHub(deps: { databaseUrl: string; logger: Logger }): Promise<EventHub> {
  const fanout = createLocalFanout(deps.logger);
  let closed = false;
  const connectPublisher = async (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString: deps.databaseUrl });
    client.on('error', (e: unknown) => {
      deps.logger.error({ err: toError(e) }, 'event publisher connection failed');
      if (publisher === connected) publisher = undefined;
    });
    const connected = client.connect().then(() => client);
    connected.catch(() => undefined);
    return connected;
  };
  let publisher: Promise<pg.Client> | undefined = connectPublisher();
  await publisher;
  // The tail of the NOTIFY queue: each publish runs after the one before it settled.
  let queue: Promise<unknown> = Promise.resolve();
  const notify = async (texts: readonly string[]): Promise<void> => {
    if (closed) return;
    const current = (publisher ??= connectPublisher());
    try {
      const client = await current;
      for (const text of texts) await client.query('SELECT pg_notify($1, $2)', [CHANNEL, text]);
    } catch (e: unknown) {
      // A fresh connection for the next publish; this one may be broken.
      if (publisher === current) publisher = undefined;
      void current.then((c) => c.end()).catch(() => undefined);
      throw toError(e);
    }
  };
  let listener: pg.Client | undefined;

  const listen = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: deps.databaseUrl });
    client.on('notification', (n) => {
      if (n.channel !== CHANNEL || n.payload === undefined) return;
      try {
        const m = JSON.parse(n.payload) as Message;
        fanout.deliver(m.t, m.e);
      } catch (e: unknown) {
        deps.logger.warn({ err: toError(e) }, 'unreadable live event notification');
      }
    });
    client.on('error', (e: unknown) => {
      deps.logger.warn({ err: toError(e) }, 'event listener connection lost; reconnecting');
      client.end().catch(() => undefined);
      if (!closed) setTimeout(() => void listen().catch((err: unknown) => deps.logger.error({ err: toError(err) }, 'event listener reconnect failed')), RECONNECT_MS);
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    listener = client;
  };
  await listen();

  return {
    publish(topic, event) {
      const texts = payloads(topic, event);
      const sent = queue.then(() => notify(texts));
      queue = sent.catch(() => undefined);
      return sent;
    },
    subscribe: (topic, listenerFn) => fanout.subscribe(topic, listenerFn),
    async close() {
      closed = true;
      fanout.clear();
      await queue;
      await Promise.allSettled([listener?.end(), publisher?.then((c) => c.end())]);
    },
  };
}
